package dev.sockets.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.sockets.test.ThreadDescriptions;
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
	void eachTaskRunsAtOnceOnAVirtualThreadUpToTheBound() throws Exception {
		ThreadPoolExecutor pool = ThreadPools.forApplicationCode("test-virtual", 2, Duration.ofSeconds(30), 3, true);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch running = new CountDownLatch(5);
		List<Future<String>> tasks = new ArrayList<>();
		try {
			// 2 threads and 3 places in the queue on platform threads: 5 run at once here
			for (int i = 0; i < 5; i++) {
				tasks.add(pool.submit(() -> {
					running.countDown();
					release.await(10, TimeUnit.SECONDS);
					return ThreadDescriptions.describe(Thread.currentThread());
				}));
			}
			assertThat(running.await(5, TimeUnit.SECONDS)).as("all five running at once").isTrue();
			assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> pool.submit(() -> "sixth"));
			release.countDown();
			for (Future<String> task : tasks) {
				assertThat(task.get(5, TimeUnit.SECONDS)).startsWith("sockets-test-virtual-").endsWith(" virtual");
			}
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
