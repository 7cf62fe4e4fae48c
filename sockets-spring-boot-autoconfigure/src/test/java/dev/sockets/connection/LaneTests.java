package dev.sockets.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lanes on a real thread pool: one task at a time per lane, in order, and many lanes on
 * few threads.
 */
class LaneTests {

	private final ExecutorService pool = Executors.newFixedThreadPool(4);

	@AfterEach
	void stop() {
		this.pool.shutdownNow();
	}

	@Test
	void runsOneTaskAtATimeInTheOrderTheyCameFromEachThread() throws Exception {
		Lane lane = new Lane(this.pool);
		List<String> ran = new CopyOnWriteArrayList<>();
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		List<Thread> senders = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			int sender = t;
			Thread thread = new Thread(() -> {
				for (int i = 0; i < 1000; i++) {
					int n = i;
					lane.execute(() -> {
						mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
						ran.add(sender + ":" + n);
						running.decrementAndGet();
					});
				}
			});
			thread.start();
			senders.add(thread);
		}
		for (Thread thread : senders) {
			thread.join();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 4000);
		assertThat(mostAtOnce.get()).isEqualTo(1);
		int[] next = new int[4];
		for (String entry : ran) {
			String[] parts = entry.split(":");
			assertThat(Integer.parseInt(parts[1])).isEqualTo(next[Integer.parseInt(parts[0])]++);
		}
	}

	@Test
	void aFailingTaskDoesNotStopTheLane() {
		Lane lane = new Lane(this.pool);
		CountDownLatch after = new CountDownLatch(1);
		lane.execute(() -> {
			throw new IllegalStateException("expected by the test");
		});
		lane.execute(after::countDown);
		await().atMost(Duration.ofSeconds(5)).until(() -> after.getCount() == 0);
	}

	@Test
	void manyLanesShareAFewThreadsAndABusyLaneLetsOthersIn() throws Exception {
		Set<String> threads = ConcurrentHashMap.newKeySet();
		CountDownLatch done = new CountDownLatch(1000);
		for (int i = 0; i < 1000; i++) {
			Lane lane = new Lane(this.pool);
			lane.execute(() -> {
				threads.add(Thread.currentThread().getName());
				done.countDown();
			});
		}
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(threads).hasSizeLessThanOrEqualTo(4);
		// one lane with far more work than a turn, and another that must not wait for all
		// of it
		Lane busy = new Lane(this.pool);
		CountDownLatch release = new CountDownLatch(1);
		for (int i = 0; i < 4; i++) {
			this.pool.execute(() -> awaitQuietly(release));
		}
		List<Integer> order = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 100; i++) {
			int n = i;
			busy.execute(() -> order.add(n));
		}
		Lane other = new Lane(this.pool);
		other.execute(() -> order.add(-1));
		release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> order.size() == 101);
		assertThat(order.indexOf(-1)).as("the other lane ran before the busy one finished").isLessThan(100);
	}

	@Test
	void refusesTasksBeyondTheBoundWhileItsWorkWaits() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Lane lane = new Lane(this.pool);
		assertThat(lane.offer(() -> awaitQuietly(release), 3)).isTrue();
		assertThat(lane.offer(() -> {
		}, 3)).isTrue();
		assertThat(lane.offer(() -> {
		}, 3)).isTrue();
		assertThat(lane.offer(() -> {
		}, 3)).as("a fourth while three wait").isFalse();
		release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> lane.offer(() -> {
		}, 3));
	}

	@Test
	void runsWhatIsLeftOnTheCallerWhenThePoolHasShutDown() {
		this.pool.shutdown();
		Lane lane = new Lane(this.pool);
		AtomicInteger ran = new AtomicInteger();
		lane.execute(ran::incrementAndGet);
		assertThat(ran.get()).isOne();
	}

	@Test
	void anAsynchronousStepHoldsItsLaneButNoThreadUntilItsStageCompletes() throws Exception {
		ExecutorService single = Executors.newSingleThreadExecutor();
		try {
			Lane lane = new Lane(single);
			CompletableFuture<Void> io = new CompletableFuture<>();
			List<String> ran = new CopyOnWriteArrayList<>();
			lane.executeAsync(() -> {
				ran.add("step");
				return io;
			});
			lane.execute(() -> ran.add("after"));
			// the one thread is free: another lane runs while the step waits
			CountDownLatch other = new CountDownLatch(1);
			new Lane(single).execute(other::countDown);
			assertThat(other.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(ran).containsExactly("step");
			io.complete(null);
			await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 2);
			assertThat(ran).containsExactly("step", "after");
		}
		finally {
			single.shutdownNow();
		}
	}

	@Test
	void aStepContinuesOnThePoolNotOnTheThreadThatCompletedItsStage() throws Exception {
		Lane lane = new Lane(this.pool);
		CompletableFuture<String> io = new CompletableFuture<>();
		CompletableFuture<String> continuedOn = new CompletableFuture<>();
		lane.executeAsync(
				() -> lane.resume(io).thenAccept((result) -> continuedOn.complete(Thread.currentThread().getName())));
		Thread ioThread = new Thread(() -> io.complete("answer"), "io-client");
		ioThread.start();
		assertThat(continuedOn.get(5, TimeUnit.SECONDS)).isNotEqualTo("io-client").startsWith("pool-");
	}

	@Test
	void aFailedStepDoesNotStopTheLane() {
		Lane lane = new Lane(this.pool);
		CompletableFuture<Void> io = new CompletableFuture<>();
		CountDownLatch after = new CountDownLatch(1);
		lane.executeAsync(() -> io);
		lane.execute(after::countDown);
		io.completeExceptionally(new IllegalStateException("expected by the test"));
		await().atMost(Duration.ofSeconds(5)).until(() -> after.getCount() == 0);
	}

	@Test
	void refusesStepsBeyondTheBoundWhileAStepWaits() {
		Lane lane = new Lane(this.pool);
		CompletableFuture<Void> io = new CompletableFuture<>();
		assertThat(lane.offerAsync(() -> io, 2)).isTrue();
		assertThat(lane.offerAsync(() -> CompletableFuture.completedFuture(null), 2)).isTrue();
		assertThat(lane.offerAsync(() -> CompletableFuture.completedFuture(null), 2)).isFalse();
		io.complete(null);
		await().atMost(Duration.ofSeconds(5)).until(() -> lane.offerAsync(() -> null, 2));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
