package dev.sockets.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.protocol.Signatures;
import dev.sockets.test.ApiSigning;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.RawWebSocket;
import dev.sockets.test.RawHandshake;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.TokenAuthenticator;
import dev.sockets.test.client.SocketsTestClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.sockets.test.TestClients.awaitClose;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission control with real clients: the node's connection cap, the cap per user, the
 * message rate of each connection, and the drain at shutdown.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = { TestApplication.class, AdmissionIntegrationTests.Users.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
				"sockets.admission.max-connections=6", "sockets.admission.max-connections-per-user=2",
				"sockets.admission.message-rate=5", "sockets.admission.message-burst=10",
				"sockets.admission.max-refused-messages=20" })
class AdmissionIntegrationTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Autowired
	private PusherEndpoint endpoint;

	@Autowired
	private ConnectionRegistry connections;

	@Autowired
	private WebServerApplicationContext context;

	@Test
	void overTheNodesCapANewConnectionIsRefusedWith4004AndTheOthersStay() throws Exception {
		List<SocketsTestClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 6; i++) {
				clients.add(TestClients.connect(url("")));
			}
			SocketsTestClient refused = TestClients.open(url(""));
			clients.add(refused);
			assertError(refused.nextMessage(), 4004, "holds the most connections");
			assertThat(awaitClose(refused)).isEqualTo(4004);
			assertThat(this.endpoint.stats().refusedCount("max_connections")).isOne();
			// a slot freed is a slot for the next
			clients.get(0).close();
			clients.add(awaitAdmitted());
			for (SocketsTestClient client : clients.subList(1, 6)) {
				assertThat(client.isClosed()).isFalse();
			}
		}
		finally {
			clients.forEach(SocketsTestClient::close);
		}
	}

	@Test
	void aUsersConnectionsBeyondTheirCapAreRefusedWith4004() throws Exception {
		try (SocketsTestClient first = TestClients.connect(url("?token=alice-token"));
				SocketsTestClient second = TestClients.connect(url("?token=alice-token"));
				SocketsTestClient third = TestClients.open(url("?token=alice-token"));
				SocketsTestClient bob = TestClients.connect(url("?token=bob-token"))) {
			assertError(third.nextMessage(), 4004, "This user holds the most connections allowed (2)");
			assertThat(awaitClose(third)).isEqualTo(4004);
			// refusals release what they took, however fast their close comes back
			for (int i = 0; i < 20; i++) {
				try (SocketsTestClient again = TestClients.open(url("?token=alice-token"))) {
					assertThat(awaitClose(again)).isEqualTo(4004);
				}
			}
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> this.connections.size() == 3);
			assertThat(first.isClosed()).isFalse();
			assertThat(second.isClosed()).isFalse();
			assertThat(bob.isClosed()).isFalse();
		}
	}

	@Test
	void messagesBeyondTheRateAreRefusedWith4301AndAClientThatGoesOnIsClosed() throws Exception {
		try (SocketsTestClient client = TestClients.connect(url(""))) {
			// the burst (10) at once, and a few more: those beyond it are refused, unless
			// the rate (5/s) refilled the bucket meanwhile
			for (int i = 0; i < 15; i++) {
				client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
			}
			int pongs = 0;
			int refusedForRate = 0;
			for (int i = 0; i < 15; i++) {
				JsonNode frame = client.nextMessage();
				if ("pusher:pong".equals(frame.get("event").stringValue())) {
					pongs++;
				}
				else {
					assertError(frame, 4301, "Too many messages");
					refusedForRate++;
				}
			}
			assertThat(pongs).isGreaterThanOrEqualTo(10);
			assertThat(refusedForRate).isGreaterThanOrEqualTo(1);
			for (int i = 0; i < 40 && !client.isClosed(); i++) {
				try {
					client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
				}
				catch (IllegalStateException | CompletionException ex) {
					// the server closed it already (the test client reports a failed send
					// as
					// IllegalStateException)
					break;
				}
			}
			assertThat(awaitClose(client)).isEqualTo(4100);
			assertThat(this.endpoint.stats().refusedMessageCount("abuse")).isOne();
		}
	}

	@Test
	void atShutdownClientsAreAskedToReconnectSpreadOverTheDrainPeriodAndNewOnesRefused() throws Exception {
		ConfigurableApplicationContext node = startNode("sockets.shutdown.drain-period=2s");
		int nodePort = SocketsPort.of(node);
		List<SocketsTestClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				clients.add(TestClients.connect("ws://127.0.0.1:" + nodePort + "/app/app-key?protocol=7"));
			}
			Thread closing = new Thread(node::close);
			long started = System.nanoTime();
			closing.start();
			// while it drains, a new connection is refused with a back-off
			boolean[] refusedDuringDrain = { false };
			Thread late = new Thread(() -> {
				try {
					Thread.sleep(300);
					try (SocketsTestClient client = TestClients
						.open("ws://127.0.0.1:" + nodePort + "/app/app-key?protocol=7")) {
						JsonNode frame = client.nextMessage();
						refusedDuringDrain[0] = frame.get("data").get("code").intValue() == 4100;
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			late.start();
			// each client watched on its own, so each is timed as its request arrives
			List<CompletableFuture<Long>> askedAfterMillis = new ArrayList<>();
			ExecutorService watchers = Executors.newFixedThreadPool(clients.size());
			for (SocketsTestClient client : clients) {
				askedAfterMillis.add(CompletableFuture.supplyAsync(() -> {
					try {
						assertError(client.nextMessage(Duration.ofSeconds(10)), 4200, "shutting down");
						long millis = (System.nanoTime() - started) / 1_000_000;
						assertThat(awaitClose(client)).isEqualTo(4200);
						return millis;
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}, watchers));
			}
			List<Long> closedAfterMillis = askedAfterMillis.stream().map(CompletableFuture::join).sorted().toList();
			watchers.shutdown();
			late.join(10_000);
			closing.join(30_000);
			assertThat(refusedDuringDrain[0]).isTrue();
			// spread (2 s, one client every 100 ms): the last is asked well after the
			// first, not at the same instant
			assertThat(closedAfterMillis.get(closedAfterMillis.size() - 1) - closedAfterMillis.get(0))
				.isGreaterThan(1200);
		}
		finally {
			clients.forEach(SocketsTestClient::close);
			node.close();
		}
	}

	@Test
	void anAddressOverItsHandshakeRateGets429WithRetryAfterAndOthersAreUnaffected(CapturedOutput output)
			throws Exception {
		ConfigurableApplicationContext limited = startNode("sockets.admission.handshake-rate=1",
				"sockets.admission.handshake-burst=3");
		try {
			int limitedPort = SocketsPort.of(limited);
			InetAddress one = InetAddress.getByName("127.0.0.1");
			for (int i = 0; i < 3; i++) {
				assertThat(RawHandshake.response(one, limitedPort, "/app/app-key", "").head())
					.startsWith("HTTP/1.1 101");
			}
			RawHandshake.Response refused = RawHandshake.response(one, limitedPort, "/app/app-key", "");
			assertThat(refused.head()).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: 1");
			assertThat(refused.body()).contains("Too many connections from this address");
			assertThat(
					RawHandshake.response(InetAddress.getByName("127.0.0.2"), limitedPort, "/app/app-key", "").head())
				.startsWith("HTTP/1.1 101");
			assertThat(output.getAll()).doesNotContain(" WARN ").doesNotContain(" ERROR ");
		}
		finally {
			limited.close();
		}
	}

	// Before, a client that sent one header byte every 15 s kept its connection for over
	// 130 s
	@Test
	void aClientThatTricklesItsHandshakeIsDroppedButOpenWebSocketsMayIdle() throws Exception {
		ConfigurableApplicationContext node = startNode("sockets.handshake.timeout=1s");
		int nodePort = SocketsPort.of(node);
		try (SocketsTestClient idle = TestClients.connect("ws://127.0.0.1:" + nodePort + "/app/app-key?protocol=7");
				Socket slow = new Socket("127.0.0.1", nodePort)) {
			slow.setSoTimeout(10_000);
			slow.getOutputStream().write("GET /app/app-key HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes());
			long started = System.nanoTime();
			int read;
			try {
				read = slow.getInputStream().read();
			}
			catch (SocketTimeoutException ex) {
				// still open after 10 s
				read = -2;
			}
			catch (IOException ex) {
				// reset by the server
				read = -1;
			}
			assertThat(read).as("the server dropped the connection").isEqualTo(-1);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			// an open WebSocket silent for longer is not affected
			assertThat(idle.isClosed()).isFalse();
			idle.send("{\"event\":\"pusher:ping\",\"data\":{}}");
			assertThat(idle.nextMessage().get("event").stringValue()).isEqualTo("pusher:pong");
		}
		finally {
			node.close();
		}
	}

	// As the probe, scaled to the file descriptors this JVM may hold (server and
	// client sides both count): 2,300 against a cap of 2,000 where it can. Before, 8,192
	// idle WebSockets took every Tomcat connection and the HTTP API timed out.
	@Test
	void overTheCapTheExcessIsRefusedAndTheHttpApiStaysQuick() throws Exception {
		long descriptors = ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getMaxFileDescriptorCount();
		int cap = (int) Math.min(2000, (descriptors - 600) / 2 * 100 / 115);
		int attempts = cap * 115 / 100;
		ConfigurableApplicationContext node = startNode("sockets.admission.max-connections=" + cap,
				"sockets.admission.handshake-rate=0", "sockets.shutdown.drain-period=0s");
		int nodePort = SocketsPort.of(node);
		List<RawWebSocket> sockets = new ArrayList<>();
		AtomicLong slowestPublishMillis = new AtomicLong();
		AtomicInteger publishFailures = new AtomicInteger();
		AtomicBoolean opening = new AtomicBoolean(true);
		Thread publisher = new Thread(() -> {
			while (opening.get()) {
				long started = System.nanoTime();
				int status = publish(nodePort);
				slowestPublishMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
				if (status != 200) {
					publishFailures.incrementAndGet();
				}
				// a publish every few tens of milliseconds, throughout
				LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
			}
		});
		try {
			publisher.start();
			// eight at a time, as clients arrive
			ExecutorService openers = Executors.newFixedThreadPool(8);
			List<Future<RawWebSocket>> opened = new ArrayList<>();
			for (int i = 0; i < attempts; i++) {
				opened.add(openers.submit(() -> RawWebSocket.open(nodePort, "/app/app-key?protocol=7")));
			}
			int established = 0;
			int refused = 0;
			for (Future<RawWebSocket> future : opened) {
				RawWebSocket socket = future.get(30, TimeUnit.SECONDS);
				sockets.add(socket);
				if (socket.firstFrame().contains("pusher:connection_established")) {
					established++;
				}
				else if (socket.firstFrame().contains("\"code\":4004")) {
					refused++;
				}
			}
			openers.shutdown();
			opening.set(false);
			publisher.join(10_000);
			assertThat(established).isEqualTo(cap);
			assertThat(refused).isEqualTo(attempts - cap);
			assertThat(publishFailures.get()).isZero();
			assertThat(slowestPublishMillis.get()).as("slowest signed publish, ms").isLessThan(1000);
		}
		finally {
			opening.set(false);
			for (RawWebSocket socket : sockets) {
				socket.close();
			}
			node.close();
		}
	}

	private static int publish(int port) {
		String body = "{\"name\":\"tick\",\"channels\":[\"news\"],\"data\":\"1\"}";
		Map<String, String> params = new TreeMap<>();
		params.put("auth_key", "app-key");
		params.put("auth_timestamp", Long.toString(System.currentTimeMillis() / 1000));
		params.put("auth_version", "1.0");
		params.put("body_md5", Signatures.md5Hex(body.getBytes(StandardCharsets.UTF_8)));
		String query = ApiSigning.sign("POST", "/apps/1/events", params, "secret");
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/apps/1/events?" + query))
					.header("Content-Type", "application/json")
					.timeout(Duration.ofSeconds(5))
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	// a node of its own, for settings the shared one must not have
	// a node of this test's transport
	private ConfigurableApplicationContext startNode(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=0", "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
					SocketsPort.FREE_NETTY_PORT,
					"sockets.transport=" + this.context.getEnvironment().getProperty("sockets.transport", "servlet"))
			.properties(properties)
			.run();
	}

	private SocketsTestClient awaitAdmitted() throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (true) {
			SocketsTestClient client = TestClients.open(url(""));
			JsonNode first = client.nextMessage();
			if ("pusher:connection_established".equals(first.get("event").stringValue())) {
				return client;
			}
			client.close();
			assertThat(System.nanoTime()).as("a freed slot is taken again").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static void assertError(JsonNode frame, int code, String messagePart) {
		assertThat(frame.get("event").stringValue()).as(frame.toString()).isEqualTo("pusher:error");
		assertThat(frame.get("data").get("code").intValue()).as(frame.toString()).isEqualTo(code);
		assertThat(frame.get("data").get("message").stringValue()).contains(messagePart);
	}

	private String url(String query) {
		return "ws://127.0.0.1:" + this.socketsPort + "/app/app-key"
				+ (query.isEmpty() ? "?protocol=7" : query + "&protocol=7");
	}

	@Configuration(proxyBeanMethods = false)
	static class Users {

		@Bean
		TokenAuthenticator tokenAuthenticator() {
			return new TokenAuthenticator();
		}

	}

}
