package dev.sockets.channel;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;

import dev.sockets.connection.ThreadPools;

/**
 * The threads authorizers run on: a fixed number that exist only while there is work, and
 * a bounded queue, so a flood of subscriptions to a slow authorizer is refused rather
 * than piling up.
 */
final class AuthorizerThreads {

	private final ThreadPoolExecutor executor;

	AuthorizerThreads(int threads, int queueCapacity) {
		this(threads, queueCapacity, "authorizer");
	}

	AuthorizerThreads(int threads, int queueCapacity, String job) {
		this.executor = ThreadPools.elastic(job, threads, Duration.ofSeconds(30),
				new ArrayBlockingQueue<>(queueCapacity));
	}

	Future<?> submit(Runnable task) {
		return this.executor.submit(task);
	}

	void shutdown() {
		this.executor.shutdownNow();
	}

}
