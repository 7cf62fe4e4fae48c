package dev.sockets.connection;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Internal: a connection's serial lane: whatever changes the connection's state (its
 * messages, authorization results, confirmations, its close) runs here, one task at a
 * time, in the order it was handed in, on a thread of a shared pool. So no check-then-act
 * ever races across threads, no lock is held, and no thread belongs to a connection. A
 * lane with nothing to do holds no thread; a busy one gives its thread back after a few
 * dozen tasks so others get their turn.
 * <p>
 * A step that waits for I/O (the presence store, say) is {@linkplain #executeAsync
 * asynchronous}: the lane runs nothing else of its connection until the step's stage
 * completes, yet holds no thread meanwhile. Its continuations run on the shared pool
 * ({@link #resume}), never on the I/O client's threads.
 */
public final class Lane implements Executor {

	private static final Log logger = LogFactory.getLog(Lane.class);

	private static final int TASKS_PER_TURN = 32;

	// far beyond any store timeout: only a broken stage is cut off
	private static final long MAX_STEP_SECONDS = 60;

	private final Executor pool;

	private final Queue<Step> tasks = new ConcurrentLinkedQueue<>();

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
		enqueue(() -> {
			task.run();
			return null;
		});
	}

	/**
	 * Runs an asynchronous step after every task handed in before it; the tasks handed in
	 * after it wait until its stage completes. The stage must complete within a bounded
	 * time (the store's timeout, say): until it does, its connection does nothing. Never
	 * blocks; a step that throws or fails is logged and the lane goes on.
	 * @param step starts the work and returns the stage that completes when it is done
	 */
	public void executeAsync(Supplier<? extends CompletionStage<?>> step) {
		enqueue(step::get);
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

	/**
	 * Runs an asynchronous step after the others, unless too many wait already.
	 * @param step starts the work and returns the stage that completes when it is done
	 * @param maxWaiting the most tasks that may wait, this one included
	 * @return {@code false} when the step was not taken
	 */
	public boolean offerAsync(Supplier<? extends CompletionStage<?>> step, int maxWaiting) {
		if (this.work.get() >= maxWaiting) {
			return false;
		}
		executeAsync(step);
		return true;
	}

	/**
	 * Continues an asynchronous step once a stage it waits for completes: on the shared
	 * pool, where the step still has the connection to itself, rather than on the thread
	 * that completed the stage (an I/O client's event loop, which must not run our work).
	 * A stage already complete continues on the caller's thread.
	 * @param <T> the stage's result
	 * @param stage what the step waits for
	 * @return a future that completes with the stage, on the shared pool
	 */
	public <T> CompletableFuture<T> resume(CompletionStage<T> stage) {
		CompletableFuture<T> future = stage.toCompletableFuture();
		if (future.isDone()) {
			return future;
		}
		CompletableFuture<T> resumed = new CompletableFuture<>();
		future.whenComplete((result, failure) -> {
			Runnable complete = () -> {
				if (failure != null) {
					resumed.completeExceptionally(failure);
				}
				else {
					resumed.complete(result);
				}
			};
			try {
				this.pool.execute(complete);
			}
			catch (RejectedExecutionException ex) {
				complete.run();
			}
		});
		return resumed;
	}

	private void enqueue(Step step) {
		this.tasks.add(step);
		if (this.work.getAndIncrement() == 0) {
			start();
		}
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
		Step step;
		while ((step = this.tasks.poll()) != null) {
			CompletableFuture<?> pending = null;
			try {
				CompletionStage<?> stage = step.run();
				pending = (stage != null) ? stage.toCompletableFuture() : null;
			}
			catch (Throwable ex) {
				// whatever it was, the lane goes on: a lane that stopped would leave its
				// connection silent for good
				logger.error("A connection's task failed", ex);
			}
			ran++;
			if (pending != null && !pending.isDone()) {
				// the step still holds its place in the count: nothing else runs, and no
				// new task starts the lane, until the stage completes (or, should a
				// store break its promise to answer in time, until the limit passes)
				pending.orTimeout(MAX_STEP_SECONDS, TimeUnit.SECONDS)
					.whenComplete((result, failure) -> stepCompleted(failure));
				return;
			}
			if (pending != null) {
				logIfFailed(pending);
			}
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

	private void stepCompleted(@Nullable Throwable failure) {
		if (failure != null) {
			logger.error("A connection's step failed", failure);
		}
		if (this.work.decrementAndGet() != 0) {
			start();
		}
	}

	private static void logIfFailed(CompletableFuture<?> done) {
		if (done.isCompletedExceptionally()) {
			done.exceptionally((failure) -> {
				logger.error("A connection's step failed", failure);
				return null;
			});
		}
	}

	// a task of the lane: returns null, or the stage an asynchronous step waits for
	@FunctionalInterface
	private interface Step {

		@Nullable CompletionStage<?> run();

	}

}
