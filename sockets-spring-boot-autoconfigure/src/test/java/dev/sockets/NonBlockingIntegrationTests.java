package dev.sockets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.test.ClusterNode;
import dev.sockets.test.RedisProcess;
import dev.sockets.test.RedisServerExtension;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.StalledSocket;
import dev.sockets.test.client.SocketsTestClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.blockhound.BlockHound;

import static dev.sockets.test.TestClients.awaitClose;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * BlockHound watches every thread that must never wait while two nodes, one of each
 * transport, and Redis carry real traffic: Netty's event loops, where Lettuce completes
 * every Redis call and delivers every message and where the Netty transport handshakes,
 * reads and writes its sockets (marked by Netty's own BlockHound integration), the
 * threads that start connections' writes, and the connections' lanes, where every
 * subscribe, presence join, leave and close asks the store and resumes when it answers. A
 * blocking call on any of them (a socket write that waits, a synchronous Redis call, a
 * sleep, a lock that parks) is recorded with its stack and fails the test. Runs in a JVM
 * of its own (see the module's pom).
 */
class NonBlockingIntegrationTests {

	private static final List<String> blocked = new CopyOnWriteArrayList<>();

	@RegisterExtension
	static final RedisServerExtension<RedisProcess> redis = RedisServerExtension.server();

	@BeforeAll
	static void install() throws Exception {
		BlockHound.builder()
			.loadIntegrations()
			.nonBlockingThreadPredicate((current) -> current.or((thread) -> thread.getName().startsWith("sockets-io-")
					|| thread.getName().startsWith("sockets-lane-") || thread.getName().startsWith("sockets-netty")))
			// an idle pool thread parks inside the pool, waiting for work: not a call of
			// ours
			.allowBlockingCallsInside("java.util.concurrent.ForkJoinPool", "awaitWork")
			// and a pool thread that ends takes the pool's lock for a moment to leave it
			.allowBlockingCallsInside("java.util.concurrent.ForkJoinPool", "deregisterWorker")
			// Tomcat hands a write's completion to its workers: a queue lock held for one
			// offer, which may park under contention but never waits for I/O
			.allowBlockingCallsInside("org.apache.tomcat.util.threads.ThreadPoolExecutor", "execute")
			// Netty's own buffer pool locks one magazine for a moment when threads
			// contend;
			// its BlockHound integration does not cover this allocator yet
			.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator", "allocate")
			.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator", "reallocate")
			.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Chunk", "release")
			.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Chunk", "deallocate")
			// Lettuce counts a connection's writers under a lock that parks a writer only
			// while the connection is being switched over (its exclusive section); no I/O
			.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters")
			// a latency timer's percentile histogram widens its range once in a while,
			// yielding while writers that are mid-record finish: a spin of a few
			// instructions, never a wait for another thread's work or for I/O
			.allowBlockingCallsInside("org.HdrHistogram.WriterReaderPhaser", "flipPhase")
			.blockingMethodCallback((method) -> blocked
				.add(Thread.currentThread().getName() + " called " + method + "\n" + stack(new Throwable())))
			.install();
	}

	private static String stack(Throwable where) {
		StringBuilder stack = new StringBuilder();
		for (StackTraceElement element : where.getStackTrace()) {
			stack.append("\tat ").append(element).append('\n');
		}
		return stack.toString();
	}

	@Test
	void noThreadThatMustNotWaitEverWaits() throws Exception {
		// the watch itself works: a sleep on a watched thread is seen
		Thread sleeper = new Thread(() -> {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "sockets-io-self-check");
		sleeper.start();
		sleeper.join();
		assertThat(blocked).singleElement().asString().startsWith("sockets-io-self-check called");
		blocked.clear();

		ClusterNode a = ClusterNode.start(redis.get().port(), "app-1");
		// a node of each transport
		ClusterNode b = ClusterNode.start(redis.get().port(), "app-1", SocketsPort.NETTY, SocketsPort.FREE_NETTY_PORT);
		List<SocketsTestClient> clients = new ArrayList<>();
		try (StalledSocket stalled = StalledSocket.subscribe(b.port(), "/app/app-key?protocol=7", "news")) {
			SocketsTestClient onA = a.connect();
			SocketsTestClient onB = b.connect();
			SocketsTestClient alice = a.connectAs("alice");
			SocketsTestClient bob = b.connectAs("bob");
			clients.addAll(List.of(onA, onB, alice, bob));
			subscribeAndAwait(onA, "news");
			subscribeAndAwait(onB, "news");
			subscribeAndAwait(onB, "cache-prices");
			subscribeAndAwait(alice, "presence-room.1");
			subscribeAndAwait(bob, "presence-room.1");
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> b.broker().isListening("news"));

			// publishes through the HTTP API and the Broadcaster, on both nodes, many in
			// flight; the stalled client on B falls behind and is closed
			Semaphore window = new Semaphore(16);
			String payload = "x".repeat(1000);
			for (int i = 0; i < 2000; i++) {
				window.acquire();
				((i % 2 == 0) ? a : b).publish("news", "n", payload).whenComplete((status, ex) -> window.release());
				if (i % 100 == 0) {
					a.broadcaster().to("cache-prices").emit("price", Map.of("n", i));
				}
			}
			assertThat(window.tryAcquire(16, 30, TimeUnit.SECONDS)).isTrue();
			for (SocketsTestClient client : List.of(onA, onB)) {
				for (int i = 0; i < 2000;) {
					if ("n".equals(client.nextMessage(Duration.ofSeconds(10)).get("event").stringValue())) {
						i++;
					}
				}
			}
			// the RoomManager acts on every node through the broker
			a.rooms().disconnect("bob");
			assertThat(awaitClose(bob)).isEqualTo(4009);
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> b.context()
					.getBean(ConnectionRegistry.class)
					.all()
					.stream()
					.noneMatch((connection) -> "bob".equals(connection.userId())));
		}
		finally {
			clients.forEach(SocketsTestClient::close);
			a.context().close();
			b.context().close();
		}
		assertThat(blocked).as("blocking calls on threads that must not wait").isEmpty();
	}

}
