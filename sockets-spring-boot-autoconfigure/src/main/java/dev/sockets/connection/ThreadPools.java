package dev.sockets.connection;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * Internal: the one way the node makes its threads. They are daemons, so none keeps the
 * JVM alive; they are named {@code sockets-<job>}, or {@code sockets-<job>-<n>} in a pool
 * of several, so a thread dump tells whose they are; and what a task lets escape is given
 * to the application's default handler, or else logged, rather than printed to standard
 * error.
 */
public final class ThreadPools {

	private static final Log logger = LogFactory.getLog(ThreadPools.class);

	// the application's own handler where it set one (error reporting, say), else the log
	private static final Thread.UncaughtExceptionHandler UNCAUGHT = (thread, ex) -> {
		Thread.UncaughtExceptionHandler application = Thread.getDefaultUncaughtExceptionHandler();
		if (application != null) {
			application.uncaughtException(thread, ex);
		}
		else {
			logger.error("Uncaught exception on thread " + thread.getName(), ex);
		}
	};

	private ThreadPools() {
	}

	/**
	 * One thread running scheduled tasks, as
	 * {@link Executors#newSingleThreadScheduledExecutor}.
	 * @param job what the thread does, for its name
	 * @return the scheduler
	 */
	public static ScheduledExecutorService scheduler(String job) {
		return Executors.newSingleThreadScheduledExecutor(factory(job));
	}

	/**
	 * One thread running tasks in order from an unbounded queue, as
	 * {@link Executors#newSingleThreadExecutor}.
	 * @param job what the thread does, for its name
	 * @return the executor
	 */
	public static ExecutorService single(String job) {
		return Executors.newSingleThreadExecutor(factory(job));
	}

	/**
	 * Up to a fixed number of threads that exist only while there is work: idle ones end
	 * after the keep-alive. A task the queue cannot take is rejected with a
	 * {@link java.util.concurrent.RejectedExecutionException}.
	 * @param job what the threads do, for their names
	 * @param threads how many
	 * @param keepAlive how long an idle thread lives
	 * @param queue where tasks wait for a thread
	 * @return the pool
	 */
	public static ThreadPoolExecutor elastic(String job, int threads, Duration keepAlive,
			BlockingQueue<Runnable> queue) {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, keepAlive.toNanos(), TimeUnit.NANOSECONDS,
				queue, numberedFactory(job));
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	/**
	 * Threads for the application's own code (authorizers, client event handlers,
	 * authenticators), which may block: an {@link #elastic} pool whose tasks wait in a
	 * bounded queue, on platform threads or on virtual ones
	 * ({@code spring.threads.virtual.enabled} on Java 21+). Either way {@code threads}
	 * bounds how many run at once (the database an authorizer asks sees no more than
	 * that), and a task the queue cannot take is rejected with a
	 * {@link java.util.concurrent.RejectedExecutionException}; on virtual threads a
	 * blocking call parks its thread only, not a carrier, so {@code threads} may be set
	 * far higher at little cost.
	 * @param job what the threads do, for their names
	 * @param threads how many platform threads
	 * @param keepAlive how long an idle thread lives
	 * @param queueCapacity how many tasks may wait for a platform thread
	 * @param virtual whether to run tasks on virtual threads
	 * @return the pool
	 */
	public static ThreadPoolExecutor forApplicationCode(String job, int threads, Duration keepAlive, int queueCapacity,
			boolean virtual) {
		if (!virtual) {
			return elastic(job, threads, keepAlive, new ArrayBlockingQueue<>(queueCapacity));
		}
		ThreadFactory virtualThreads = new VirtualThreadTaskExecutor(name(job) + "-").getVirtualThreadFactory();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, keepAlive.toNanos(), TimeUnit.NANOSECONDS,
				new ArrayBlockingQueue<>(queueCapacity), (task) -> {
					Thread thread = virtualThreads.newThread(task);
					thread.setUncaughtExceptionHandler(UNCAUGHT);
					return thread;
				});
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	/**
	 * A work-stealing pool in FIFO mode: handing a task over takes no lock, so a thread
	 * that must not wait never parks on a queue.
	 * @param job what the threads do, for their names
	 * @param threads its parallelism
	 * @return the pool
	 */
	public static ForkJoinPool workStealing(String job, int threads) {
		AtomicInteger count = new AtomicInteger();
		return new ForkJoinPool(threads, (pool) -> {
			ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
			return configure(thread, name(job) + "-" + count.incrementAndGet());
		}, null, true);
	}

	/**
	 * Makes the threads of a pool built otherwise, all with the same name.
	 * @param job what the threads do, for their name
	 * @return the factory
	 */
	public static ThreadFactory factory(String job) {
		String name = name(job);
		return (task) -> configure(plain(task), name);
	}

	private static ThreadFactory numberedFactory(String job) {
		String prefix = name(job) + "-";
		AtomicInteger count = new AtomicInteger();
		return (task) -> configure(plain(task), prefix + count.incrementAndGet());
	}

	private static Thread plain(Runnable task) {
		Thread thread = new Thread(task);
		thread.setPriority(Thread.NORM_PRIORITY);
		return thread;
	}

	private static String name(String job) {
		return "sockets-" + job;
	}

	private static <T extends Thread> T configure(T thread, String name) {
		thread.setName(name);
		thread.setDaemon(true);
		thread.setUncaughtExceptionHandler(UNCAUGHT);
		return thread;
	}

}
