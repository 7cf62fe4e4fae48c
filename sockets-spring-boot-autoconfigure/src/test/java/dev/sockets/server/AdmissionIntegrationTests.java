package dev.sockets.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.sockets.test.PusherTestClient;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TokenAuthenticator;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission control with real clients: the node's connection cap, the cap per user, the
 * message rate of each connection, and the drain at shutdown.
 */
@SpringBootTest(classes = { TestApplication.class, AdmissionIntegrationTests.Users.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
				"sockets.admission.max-connections=6", "sockets.admission.max-connections-per-user=2",
				"sockets.admission.message-rate=5", "sockets.admission.message-burst=10",
				"sockets.admission.max-refused-messages=20" })
class AdmissionIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private PusherEndpoint endpoint;

	@Autowired
	private WebServerApplicationContext context;

	@Test
	void overTheNodesCapANewConnectionIsRefusedWith4004AndTheOthersStay() throws Exception {
		List<PusherTestClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 6; i++) {
				clients.add(PusherTestClient.connect(url("")));
			}
			PusherTestClient refused = PusherTestClient.open(url(""));
			clients.add(refused);
			assertError(refused.next(), 4004, "holds the most connections");
			assertThat(refused.awaitClose()).isEqualTo(4004);
			assertThat(this.endpoint.stats().refusedCount("max_connections")).isOne();
			// a slot freed is a slot for the next
			clients.get(0).close();
			clients.add(awaitAdmitted());
			for (PusherTestClient client : clients.subList(1, 6)) {
				assertThat(client.isClosed()).isFalse();
			}
		}
		finally {
			clients.forEach(PusherTestClient::close);
		}
	}

	@Test
	void aUsersConnectionsBeyondTheirCapAreRefusedWith4004() throws Exception {
		try (PusherTestClient first = PusherTestClient.connect(url("?token=alice-token"));
				PusherTestClient second = PusherTestClient.connect(url("?token=alice-token"));
				PusherTestClient third = PusherTestClient.open(url("?token=alice-token"));
				PusherTestClient bob = PusherTestClient.connect(url("?token=bob-token"))) {
			assertError(third.next(), 4004, "This user holds the most connections allowed (2)");
			assertThat(third.awaitClose()).isEqualTo(4004);
			assertThat(first.isClosed()).isFalse();
			assertThat(second.isClosed()).isFalse();
			assertThat(bob.isClosed()).isFalse();
		}
	}

	@Test
	void messagesBeyondTheRateAreRefusedWith4301AndAClientThatGoesOnIsClosed() throws Exception {
		try (PusherTestClient client = PusherTestClient.connect(url(""))) {
			for (int i = 0; i < 10; i++) {
				client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
			}
			for (int i = 0; i < 10; i++) {
				assertThat(client.next().get("event").stringValue()).isEqualTo("pusher:pong");
			}
			// the burst is spent: what follows at once is over the rate
			client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
			assertError(client.next(), 4301, "Too many messages");
			for (int i = 0; i < 40; i++) {
				client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
			}
			assertThat(client.awaitClose()).isEqualTo(4100);
			assertThat(this.endpoint.stats().refusedMessageCount("abuse")).isOne();
		}
	}

	@Test
	void tomcatKeepsConnectionsForHttpAboveTheWebSocketCap() {
		ConfigurableApplicationContext big = new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=0", "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
					"sockets.admission.max-connections=9000")
			.run();
		try {
			assertThat(maxConnections(big)).isGreaterThanOrEqualTo(9000 + 1024);
			assertThat(maxConnections((ConfigurableApplicationContext) this.context)).isEqualTo(8192);
		}
		finally {
			big.close();
		}
	}

	@Test
	void atShutdownClientsAreAskedToReconnectSpreadOverTheDrainPeriodAndNewOnesRefused() throws Exception {
		ConfigurableApplicationContext node = new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=0", "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
					"sockets.shutdown.drain-period=2s")
			.run();
		int nodePort = ((WebServerApplicationContext) node).getWebServer().getPort();
		List<PusherTestClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				clients.add(PusherTestClient.connect("ws://127.0.0.1:" + nodePort + "/app/app-key?protocol=7"));
			}
			Thread closing = new Thread(node::close);
			long started = System.nanoTime();
			closing.start();
			// while it drains, a new connection is refused with a back-off
			boolean[] refusedDuringDrain = { false };
			Thread late = new Thread(() -> {
				try {
					Thread.sleep(300);
					try (PusherTestClient client = PusherTestClient
						.open("ws://127.0.0.1:" + nodePort + "/app/app-key?protocol=7")) {
						JsonNode frame = client.next();
						refusedDuringDrain[0] = frame.get("data").get("code").intValue() == 4100;
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			late.start();
			List<Long> closedAfterMillis = new ArrayList<>();
			for (PusherTestClient client : clients) {
				assertError(client.next(Duration.ofSeconds(10)), 4200, "shutting down");
				closedAfterMillis.add((System.nanoTime() - started) / 1_000_000);
			}
			for (PusherTestClient client : clients) {
				assertThat(client.awaitClose()).isEqualTo(4200);
			}
			late.join(10_000);
			closing.join(30_000);
			assertThat(refusedDuringDrain[0]).isTrue();
			// spread (2 s, one client every 100 ms): the last is asked well after the
			// first,
			// not at the same instant, even on a machine slow to send the first
			assertThat(closedAfterMillis.get(closedAfterMillis.size() - 1) - closedAfterMillis.get(0))
				.isGreaterThan(400);
		}
		finally {
			clients.forEach(PusherTestClient::close);
			node.close();
		}
	}

	private PusherTestClient awaitAdmitted() throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (true) {
			PusherTestClient client = PusherTestClient.open(url(""));
			JsonNode first = client.next();
			if ("pusher:connection_established".equals(first.get("event").stringValue())) {
				return client;
			}
			client.close();
			assertThat(System.nanoTime()).as("a freed slot is taken again").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static int maxConnections(ConfigurableApplicationContext context) {
		TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
		return ((AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler()).getMaxConnections();
	}

	private static void assertError(JsonNode frame, int code, String messagePart) {
		assertThat(frame.get("event").stringValue()).as(frame.toString()).isEqualTo("pusher:error");
		assertThat(frame.get("data").get("code").intValue()).as(frame.toString()).isEqualTo(code);
		assertThat(frame.get("data").get("message").stringValue()).contains(messagePart);
	}

	private String url(String query) {
		return "ws://127.0.0.1:" + this.port + "/app/app-key"
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
