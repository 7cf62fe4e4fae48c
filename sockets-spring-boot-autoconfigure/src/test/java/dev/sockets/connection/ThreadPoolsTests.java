package dev.sockets.connection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ThreadPools}: every pool's threads are named daemons whose uncaught
 * exceptions are logged, and each kind of pool keeps its size and queue.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadPoolsTests {

	@Test
	void singleThreadsAreNamedForTheirJobAndAreDaemons() throws Exception {
		ScheduledExecutorService scheduler = ThreadPools.scheduler("test-scheduler");
		ExecutorService single = ThreadPools.single("test-single");
		try {
			assertThat(scheduler.schedule(ThreadPoolsTests::describeThread, 1, TimeUnit.MILLISECONDS).get())
				.isEqualTo("sockets-test-scheduler daemon");
			assertThat(single.submit(ThreadPoolsTests::describeThread).get()).isEqualTo("sockets-test-single daemon");
			assertThat(ThreadPools.factory("test-factory").newThread(() -> {
			})).satisfies((thread) -> {
				assertThat(thread.getName()).isEqualTo("sockets-test-factory");
				assertThat(thread.isDaemon()).isTrue();
			});
		}
		finally {
			scheduler.shutdownNow();
			single.shutdownNow();
		}
	}

	@Test
	void anElasticPoolHasItsThreadsNumberedKeepsItsQueueBoundAndRejectsBeyondIt() throws Exception {
		ThreadPoolExecutor pool = ThreadPools.elastic("test-elastic", 2, Duration.ofSeconds(30),
				new ArrayBlockingQueue<>(1));
		CountDownLatch release = new CountDownLatch(1);
		try {
			assertThat(pool.getCorePoolSize()).isEqualTo(2);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(2);
			assertThat(pool.allowsCoreThreadTimeOut()).isTrue();
			assertThat(pool.getKeepAliveTime(TimeUnit.SECONDS)).isEqualTo(30);
			List<CompletableFuture<String>> names = List.of(new CompletableFuture<>(), new CompletableFuture<>());
			for (CompletableFuture<String> name : names) {
				pool.execute(() -> {
					name.complete(describeThread());
					await(release);
				});
			}
			assertThat(names).extracting(CompletableFuture::join)
				.containsExactlyInAnyOrder("sockets-test-elastic-1 daemon", "sockets-test-elastic-2 daemon");
			pool.execute(() -> {
			});
			assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> pool.execute(() -> {
			}));
		}
		finally {
			release.countDown();
			pool.shutdownNow();
		}
	}

	@Test
	void aWorkStealingPoolRunsTasksInSubmissionOrderOnNumberedDaemons() throws Exception {
		ForkJoinPool pool = ThreadPools.workStealing("test-stealing", 3);
		try {
			assertThat(pool.getParallelism()).isEqualTo(3);
			assertThat(pool.getAsyncMode()).isTrue();
			assertThat(pool.submit(ThreadPoolsTests::describeThread).get())
				.matches("sockets-test-stealing-\\d+ daemon");
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void whatATaskLetsEscapeIsLoggedWhenTheApplicationHasNoHandler(CapturedOutput output) {
		Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler(null);
		ExecutorService single = ThreadPools.single("test-uncaught");
		try {
			single.execute(() -> {
				throw new IllegalStateException("escaped");
			});
			// Awaitility makes itself the default handler while it waits, unless told not
			// to
			Awaitility.await()
				.dontCatchUncaughtExceptions()
				.atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(output.getAll()).contains("Uncaught exception on thread sockets-test-uncaught")
							.contains("IllegalStateException: escaped"));
		}
		finally {
			single.shutdownNow();
			Thread.setDefaultUncaughtExceptionHandler(previous);
		}
	}

	@Test
	void whatATaskLetsEscapeGoesToTheApplicationsHandler() {
		Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
		CompletableFuture<String> handled = new CompletableFuture<>();
		Thread.setDefaultUncaughtExceptionHandler(
				(thread, ex) -> handled.complete(thread.getName() + ": " + ex.getMessage()));
		ExecutorService single = ThreadPools.single("test-reported");
		try {
			single.execute(() -> {
				throw new IllegalStateException("reported");
			});
			assertThat(handled).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("sockets-test-reported: reported");
		}
		finally {
			single.shutdownNow();
			Thread.setDefaultUncaughtExceptionHandler(previous);
		}
	}

	private static String describeThread() {
		Thread thread = Thread.currentThread();
		return thread.getName() + (thread.isDaemon() ? " daemon" : " user");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
