package dev.sockets.actuator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.sockets.broker.Broadcaster;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.RawHandshake;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.TokenAuthenticator;
import dev.sockets.test.client.SocketsTestClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static dev.sockets.test.TestClients.awaitClose;
import static dev.sockets.test.TestClients.subscribe;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics, the health and the {@code sockets} endpoint after real traffic, read over
 * HTTP as an operator would.
 */
@SpringBootTest(classes = { TestApplication.class, ObservabilityIntegrationTests.Tokens.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1234", "sockets.app.key=app-key", "sockets.app.secret=app-secret",
				"management.endpoints.web.exposure.include=health,metrics,sockets",
				"management.endpoint.sockets.access=unrestricted", "management.endpoint.health.show-details=always" })
class ObservabilityIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Autowired
	private Broadcaster broadcaster;

	@Test
	void metricsHealthAndTheEndpointFollowRealTraffic() throws Exception {
		double openedBefore = metric("sockets.connections.opened", null);
		double deliveredBefore = metric("sockets.messages.delivered", null);
		double refusedBefore = metric("sockets.handshakes.refused", "reason:origin");
		double deniedBefore = metric("sockets.authorizations", "result:denied");
		double publishedBefore = metric("sockets.broadcasts.published", null);
		try (SocketsTestClient alice = connect("alice"); SocketsTestClient bob = connect("bob")) {
			subscribeAndAwait(alice, "observed");
			subscribeAndAwait(bob, "observed");
			this.broadcaster.to("observed").emit("news", Map.of("n", 1));
			alice.nextMessage();
			bob.nextMessage();
			subscribe(bob, "private-secret");
			assertThat(bob.nextMessage().get("event").stringValue()).isEqualTo("pusher:subscription_error");
			RawHandshake.responseHead(this.socketsPort, "/app/app-key", "Origin: https://evil.example\r\n");

			assertThat(metric("sockets.connections", null)).isEqualTo(2);
			assertThat(metric("sockets.connections.opened", null) - openedBefore).isEqualTo(2);
			assertThat(metric("sockets.messages.delivered", null) - deliveredBefore).isEqualTo(2);
			assertThat(metric("sockets.broadcasts.published", null) - publishedBefore).isOne();
			assertThat(metric("sockets.messages.received", null)).isGreaterThanOrEqualTo(3);
			// "observed" twice, and each user's own #server-to-user channel
			assertThat(metric("sockets.subscriptions", "type:public")).isEqualTo(4);
			assertThat(metric("sockets.handshakes.refused", "reason:origin") - refusedBefore).isOne();
			// every refusal reason and message refusal is a meter from the start
			assertThat(metric("sockets.handshakes.refused", "reason:max_connections")).isZero();
			assertThat(metric("sockets.handshakes.refused", "reason:address_rate")).isZero();
			assertThat(metric("sockets.messages.refused", "reason:rate")).isZero();
			assertThat(metric("sockets.cluster.commands.ignored", null)).isZero();
			assertThat(metric("sockets.authorizations", "result:denied") - deniedBefore).isOne();
			assertThat(measurement("sockets.delivery.latency", null, "COUNT")).isGreaterThanOrEqualTo(2);

			JsonNode health = get("/actuator/health/sockets");
			assertThat(health.get("status").stringValue()).isEqualTo("UP");
			assertThat(health.get("details").get("connections").intValue()).isEqualTo(2);

			JsonNode summary = get("/actuator/sockets?prefix=obs");
			assertThat(summary.get("connections").intValue()).isEqualTo(2);
			assertThat(summary.get("channels").get("observed").intValue()).isEqualTo(2);
			assertThat(get("/actuator/sockets/channels/observed").get("subscribers").intValue()).isEqualTo(2);
			JsonNode user = get("/actuator/sockets/users/alice");
			assertThat(user.get("online").booleanValue()).isTrue();
			assertThat(user.get("connections").get(0).stringValue()).isEqualTo(alice.socketId());

			HttpResponse<String> disconnected = send(HttpRequest.newBuilder(uri("/actuator/sockets/users/alice"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build());
			assertThat(disconnected.statusCode()).isEqualTo(200);
			assertThat(awaitClose(alice)).isEqualTo(4009);

			HttpResponse<String> closed = send(
					HttpRequest.newBuilder(uri("/actuator/sockets/channels/observed")).DELETE().build());
			assertThat(closed.statusCode()).isEqualTo(200);
			JsonNode error = bob.nextMessage();
			assertThat(error.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(error.get("channel").stringValue()).isEqualTo("observed");
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> metric("sockets.connections.closed", "code:4009") >= 1);
		}
	}

	private SocketsTestClient connect(String user) throws Exception {
		return TestClients.connect("ws://127.0.0.1:" + this.socketsPort + "/app/app-key?token=" + user + "-token");
	}

	private double metric(String name, String tag) throws Exception {
		return measurement(name, tag, null);
	}

	private double measurement(String name, String tag, String statistic) throws Exception {
		JsonNode metric = get("/actuator/metrics/" + name + ((tag != null) ? "?tag=" + tag : ""));
		for (JsonNode measurement : metric.get("measurements")) {
			if (statistic == null || statistic.equals(measurement.get("statistic").stringValue())) {
				return measurement.get("value").doubleValue();
			}
		}
		throw new AssertionError("No " + statistic + " in " + metric);
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).build());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Tokens {

		@Bean
		TokenAuthenticator tokenAuthenticator() {
			return new TokenAuthenticator();
		}

	}

}
