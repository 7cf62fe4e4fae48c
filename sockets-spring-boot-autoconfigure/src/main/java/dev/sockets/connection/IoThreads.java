package dev.sockets.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Internal: the few threads that start connections' writes, off the callers' threads (a
 * write never waits for its socket, so one thread per core serves every connection), and
 * the threads that run connections' lanes. Deliberately not an {@link Executor} bean,
 * which would make Boot's own task executor back off.
 */
public final class IoThreads implements AutoCloseable {

	private final ForkJoinPool pool;

	private final ThreadPoolExecutor lanes;

	/**
	 * Creates the pools.
	 * @param threads how many threads start writes; one per core is enough, as none ever
	 * waits
	 * @param laneThreads how many threads run connections' lanes; a lane may still wait
	 * for the presence store, so keep some to spare
	 */
	public IoThreads(int threads, int laneThreads) {
		CustomizableThreadFactory laneFactory = new CustomizableThreadFactory("sockets-lane-");
		laneFactory.setDaemon(true);
		this.lanes = new ThreadPoolExecutor(laneThreads, laneThreads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				laneFactory);
		this.lanes.allowCoreThreadTimeOut(true);
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
		this.pool.awaitTermination(1, TimeUnit.SECONDS);
	}

}
