package dev.sockets.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sockets.test.ThreadDescriptions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The application-code pool on virtual threads: Java 21 and later only (the build runs
 * these again on a newer JDK where the machine has one; see the pom).
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadPoolsTests {

	@Test
	void tasksRunOnVirtualThreadsAsManyAtOnceAsThereAreThreads() throws Exception {
		ThreadPoolExecutor pool = ThreadPools.forApplicationCode("test-virtual", 2, Duration.ofSeconds(30), 3, true);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		List<Future<String>> tasks = new ArrayList<>();
		try {
			// 2 running and 3 waiting, as on platform threads
			for (int i = 0; i < 5; i++) {
				tasks.add(pool.submit(() -> {
					mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
					release.await(10, TimeUnit.SECONDS);
					running.decrementAndGet();
					return ThreadDescriptions.describe(Thread.currentThread());
				}));
			}
			assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> pool.submit(() -> "sixth"));
			// both threads have taken a task before any is released, so the most at once
			// is the bound, not how fast they started
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 2);
			release.countDown();
			for (Future<String> task : tasks) {
				assertThat(task.get(5, TimeUnit.SECONDS)).startsWith("sockets-test-virtual-").endsWith(" virtual");
			}
			assertThat(mostAtOnce).hasValue(2);
		}
		finally {
			release.countDown();
			pool.shutdownNow();
		}
	}

	@Test
	void onPlatformThreadsTasksWaitInTheQueue() throws Exception {
		ThreadPoolExecutor pool = ThreadPools.forApplicationCode("test-platform", 1, Duration.ofSeconds(30), 1, false);
		try {
			assertThat(pool.submit(() -> ThreadDescriptions.describe(Thread.currentThread())).get(5, TimeUnit.SECONDS))
				.isEqualTo("sockets-test-platform-1 platform");
		}
		finally {
			pool.shutdownNow();
		}
	}

}
