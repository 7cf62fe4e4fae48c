package dev.sockets.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.sockets.channel.PresenceMember;
import dev.sockets.presence.RoomManager;
import dev.sockets.protocol.Signatures;
import dev.sockets.test.ApiSigning;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's own {@link RoomManager} failing while the HTTP API terminates a user's
 * connections: the SDK gets a JSON 500, not the container's error page, and the API keeps
 * answering.
 */
@SpringBootTest(classes = { TestApplication.class, TerminateConnectionsFailureIntegrationTests.FailingRooms.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1234", "sockets.app.key=app-key", "sockets.app.secret=app-secret" })
class TerminateConnectionsFailureIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpClient http = HttpClient.newHttpClient();

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Test
	void aFailingRoomManagerIsAnsweredWithAJson500() throws Exception {
		HttpResponse<String> response = terminate("broken");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("error").stringValue()).contains("terminate_connections");
		assertThat(response.body()).doesNotContain("audit log is full");
	}

	@Test
	void otherUsersAreStillTerminated() throws Exception {
		assertThat(terminate("broken").statusCode()).isEqualTo(500);
		HttpResponse<String> response = terminate("fine");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{}");
	}

	private HttpResponse<String> terminate(String user) throws Exception {
		String path = "/apps/1234/users/" + user + "/terminate_connections";
		Map<String, String> params = new TreeMap<>();
		params.put("auth_key", "app-key");
		params.put("auth_timestamp", Long.toString(Instant.now().getEpochSecond()));
		params.put("auth_version", "1.0");
		params.put("body_md5", Signatures.md5Hex("{}".getBytes(StandardCharsets.UTF_8)));
		return this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.socketsPort + path + "?"
					+ ApiSigning.sign("POST", path, params, "app-secret")))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** An application's room manager whose audit fails for one user. */
	@TestConfiguration(proxyBeanMethods = false)
	static class FailingRooms {

		@Bean
		RoomManager auditedRooms() {
			return new RoomManager() {

				@Override
				public int disconnect(String userId) {
					if (userId.equals("broken")) {
						throw new IllegalStateException("audit log is full");
					}
					return 0;
				}

				@Override
				public List<PresenceMember> members(String channel) {
					return List.of();
				}

				@Override
				public boolean isMember(String channel, String userId) {
					return false;
				}

				@Override
				public boolean isOnline(String userId) {
					return false;
				}

				@Override
				public List<String> connections(String userId) {
					return List.of();
				}

				@Override
				public Map<String, Long> occupiedChannels(String prefix) {
					return Map.of();
				}

				@Override
				public long subscriberCount(String channel) {
					return 0;
				}

				@Override
				public int removeFromChannel(String channel, String userId) {
					return 0;
				}

				@Override
				public int closeChannel(String channel) {
					return 0;
				}

			};
		}

	}

}
