package dev.sockets.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Internal: the threads that write to sockets and the few that close connections, off the
 * callers' threads. Deliberately not {@link Executor} beans, which would make Boot's own
 * task executor back off.
 */
public final class IoThreads implements AutoCloseable {

	private static final int CLOSERS = 4;

	private final ThreadPoolExecutor writers;

	private final ThreadPoolExecutor closers;

	/**
	 * Creates the pools.
	 * @param writers the most writer threads; idle ones end after a minute. Each
	 * connection stuck on a full socket holds one until the send time limit closes it, so
	 * size it above the number of such connections you expect at once
	 */
	public IoThreads(int writers) {
		this.writers = pool(writers, "sockets-writer-");
		this.closers = pool(CLOSERS, "sockets-closer-");
	}

	private static ThreadPoolExecutor pool(int threads, String prefix) {
		CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
		factory.setDaemon(true);
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), factory);
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	/**
	 * The threads that drain connections' queues.
	 * @return the executor
	 */
	public Executor writers() {
		return this.writers;
	}

	/**
	 * The threads that close connections.
	 * @return the executor
	 */
	public Executor closers() {
		return this.closers;
	}

	@Override
	public void close() {
		for (ExecutorService pool : new ExecutorService[] { this.writers, this.closers }) {
			pool.shutdown();
		}
	}

}
