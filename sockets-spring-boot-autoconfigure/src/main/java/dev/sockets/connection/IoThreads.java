package dev.sockets.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Internal: the few threads that start connections' writes, off the callers' threads. A
 * write never waits for its socket, so one thread per core serves every connection.
 * Deliberately not an {@link Executor} bean, which would make Boot's own task executor
 * back off.
 */
public final class IoThreads implements AutoCloseable {

	private final ForkJoinPool pool;

	/**
	 * Creates the pool.
	 * @param threads how many threads; one per core is enough, as none ever waits
	 */
	public IoThreads(int threads) {
		AtomicInteger count = new AtomicInteger();
		this.pool = new ForkJoinPool(threads, (forkJoinPool) -> {
			ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(forkJoinPool);
			thread.setName("sockets-io-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}, null, true);
	}

	/**
	 * The threads that drain connections' queues.
	 * @return the executor
	 */
	public Executor drainers() {
		return this.pool;
	}

	@Override
	public void close() throws InterruptedException {
		this.pool.shutdown();
		this.pool.awaitTermination(1, TimeUnit.SECONDS);
	}

}
