package dev.sockets.channel;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;

import dev.sockets.connection.ThreadPools;

/**
 * The threads authorizers and client event handlers run on: a fixed number that exist
 * only while there is work, and a bounded queue, so a flood of subscriptions to a slow
 * authorizer is refused rather than piling up; or virtual threads up to the same bound.
 */
final class AuthorizerThreads {

	private final ThreadPoolExecutor executor;

	AuthorizerThreads(int threads, int queueCapacity, String job, boolean virtual) {
		this.executor = ThreadPools.forApplicationCode(job, threads, Duration.ofSeconds(30), queueCapacity, virtual);
	}

	Future<?> submit(Runnable task) {
		return this.executor.submit(task);
	}

	void shutdown() {
		this.executor.shutdownNow();
	}

}
