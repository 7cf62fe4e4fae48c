package dev.sockets.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Internal: the few threads that start connections' writes, off the callers' threads (a
 * write never waits for its socket, so one thread per core serves every connection), and
 * the threads that run connections' lanes. Deliberately not an {@link Executor} bean,
 * which would make Boot's own task executor back off.
 */
public final class IoThreads implements AutoCloseable {

	private final ForkJoinPool pool;

	private final ForkJoinPool lanes;

	/**
	 * Creates the pools.
	 * @param threads how many threads start writes; one per core is enough, as none ever
	 * waits
	 * @param laneThreads how many threads run connections' lanes; our own steps never
	 * wait (the store's calls are asynchronous), but the application's event listeners
	 * run there and may, so keep some to spare
	 */
	public IoThreads(int threads, int laneThreads) {
		// work-stealing pools in FIFO mode: handing a task over takes no lock, so a
		// thread that must not wait never parks on a queue
		this.lanes = ThreadPools.workStealing("lane", laneThreads);
		this.pool = ThreadPools.workStealing("io", threads);
	}

	/**
	 * The threads that drain connections' queues.
	 * @return the executor
	 */
	public Executor drainers() {
		return this.pool;
	}

	/**
	 * The threads that run connections' lanes.
	 * @return the executor
	 */
	public Executor lanes() {
		return this.lanes;
	}

	@Override
	public void close() throws InterruptedException {
		this.lanes.shutdown();
		this.pool.shutdown();
		this.lanes.awaitTermination(1, TimeUnit.SECONDS);
		this.pool.awaitTermination(1, TimeUnit.SECONDS);
	}

}
