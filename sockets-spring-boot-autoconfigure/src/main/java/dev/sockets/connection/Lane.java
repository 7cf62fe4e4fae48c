package dev.sockets.connection;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A connection's serial lane: whatever changes the connection's state (its messages,
 * authorization results, confirmations, its close) runs here, one task at a time, in the
 * order it was handed in, on a thread of a shared pool. So no check-then-act ever races
 * across threads, no lock is held, and no thread belongs to a connection. A lane with
 * nothing to do holds no thread; a busy one gives its thread back after a few dozen tasks
 * so others get their turn.
 */
public final class Lane implements Executor {

	private static final Log logger = LogFactory.getLog(Lane.class);

	private static final int TASKS_PER_TURN = 32;

	private final Executor pool;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicInteger work = new AtomicInteger();

	/**
	 * Creates an idle lane.
	 * @param pool the shared threads that run lanes
	 */
	public Lane(Executor pool) {
		this.pool = pool;
	}

	/**
	 * Runs a task after every task handed in before it. Never blocks; a task that throws
	 * is logged and the lane goes on.
	 * @param task the task
	 */
	@Override
	public void execute(Runnable task) {
		this.tasks.add(task);
		if (this.work.getAndIncrement() == 0) {
			start();
		}
	}

	/**
	 * Runs a task after the others, unless too many wait already.
	 * @param task the task
	 * @param maxWaiting the most tasks that may wait, this one included
	 * @return {@code false} when the task was not taken
	 */
	public boolean offer(Runnable task, int maxWaiting) {
		if (this.work.get() >= maxWaiting) {
			return false;
		}
		execute(task);
		return true;
	}

	private void start() {
		try {
			this.pool.execute(this::run);
		}
		catch (RejectedExecutionException ex) {
			// shutting down: what is left runs here, so a close is still cleaned up
			run();
		}
	}

	private void run() {
		int ran = 0;
		Runnable task;
		while ((task = this.tasks.poll()) != null) {
			try {
				task.run();
			}
			catch (Throwable ex) {
				// whatever it was, the lane goes on: a lane that stopped would leave its
				// connection silent for good
				logger.error("A connection's task failed", ex);
			}
			ran++;
			if (this.work.decrementAndGet() == 0) {
				return;
			}
			if (ran == TASKS_PER_TURN) {
				// more to do: back of the pool's queue, so other lanes get a turn
				start();
				return;
			}
		}
	}

}
