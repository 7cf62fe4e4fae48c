package dev.sockets.channel;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads authorizers run on: a fixed number that exist only while there is work, and
 * a bounded queue, so a flood of subscriptions to a slow authorizer is refused rather
 * than piling up.
 */
final class AuthorizerThreads {

	private final ThreadPoolExecutor executor;

	AuthorizerThreads(int threads, int queueCapacity) {
		this(threads, queueCapacity, "sockets-authorizer-");
	}

	AuthorizerThreads(int threads, int queueCapacity, String namePrefix) {
		this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(queueCapacity), named(namePrefix));
		this.executor.allowCoreThreadTimeOut(true);
	}

	Future<?> submit(Runnable task) {
		return this.executor.submit(task);
	}

	void shutdown() {
		this.executor.shutdownNow();
	}

	private static ThreadFactory named(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
