package dev.sockets.sample;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.sockets.test.autoconfigure.AutoConfigureSocketsTestClient;
import dev.sockets.test.autoconfigure.SocketsTestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator over real HTTP requests: health is public, with the {@code sockets} component
 * but without details; its details, metrics and the {@code sockets} endpoint are for the
 * admin only, while a WebSocket connection is open.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSocketsTestClient
class ActuatorIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

	@Autowired
	private SocketsTestClients clients;

	@Autowired
	private JsonMapper jsonMapper;

	@Test
	void healthIsPublicWithTheSocketsComponentAndItsDetailsAreForTheAdmin() throws Exception {
		try (SocketsTestClient connection = this.clients.connect()) {
			HttpResponse<String> anonymous = get("/actuator/health", Map.of());
			HttpResponse<String> admin = get("/actuator/health", TestUsers.basic("admin"));

			assertThat(anonymous.statusCode()).isEqualTo(200);
			JsonNode sockets = json(anonymous).path("components").path("sockets");
			assertThat(sockets.path("status").asString()).isEqualTo("UP");
			assertThat(sockets.has("details")).isFalse();
			JsonNode details = json(admin).path("components").path("sockets").path("details");
			assertThat(details.path("connections").asInt()).isPositive();
			assertThat(details.path("broker").asString()).isEqualTo("LocalBroker");
		}
	}

	@Test
	void theSocketsEndpointAnswersTheAdminOnly() throws Exception {
		try (SocketsTestClient connection = this.clients.connect()) {
			connection.subscribe("chat.lobby");

			HttpResponse<String> anonymous = get("/actuator/sockets", Map.of());
			HttpResponse<String> alice = get("/actuator/sockets", TestUsers.basic("alice"));
			HttpResponse<String> admin = get("/actuator/sockets?prefix=chat.", TestUsers.basic("admin"));

			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(alice.statusCode()).isEqualTo(403);
			assertThat(admin.statusCode()).isEqualTo(200);
			JsonNode summary = json(admin);
			assertThat(summary.path("connections").asInt()).isPositive();
			assertThat(summary.path("channels").path("chat.lobby").asInt()).isPositive();
		}
	}

	@Test
	void theSocketsMetricsAnswerTheAdminOnly() throws Exception {
		try (SocketsTestClient connection = this.clients.connect()) {
			HttpResponse<String> anonymous = get("/actuator/metrics/sockets.connections", Map.of());
			HttpResponse<String> admin = get("/actuator/metrics/sockets.connections", TestUsers.basic("admin"));

			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(admin.statusCode()).isEqualTo(200);
			JsonNode metric = json(admin);
			assertThat(metric.path("name").asString()).isEqualTo("sockets.connections");
			assertThat(metric.path("measurements").path(0).path("value").asDouble()).isPositive();
		}
	}

	private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.clients.applicationServer().resolve(path))
			.timeout(WAIT)
			.header("Accept", "application/json");
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.jsonMapper.readTree(response.body());
	}

}
