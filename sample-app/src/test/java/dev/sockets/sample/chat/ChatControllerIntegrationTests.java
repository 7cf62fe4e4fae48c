package dev.sockets.sample.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.sockets.sample.TestCsrf;
import dev.sockets.sample.TestPusherConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /chat/messages} against the running app, with real WebSocket connections in
 * the lobby. Posts carry a CSRF token, as the page's do.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatControllerIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TestPusherConnection.WAIT).build();

	@LocalServerPort
	private int port;

	@Value("${sockets.app.key}")
	private String appKey;

	@Autowired
	private JsonMapper jsonMapper;

	private final List<TestPusherConnection> connections = new ArrayList<>();

	@AfterEach
	void closeConnections() {
		this.connections.forEach(TestPusherConnection::close);
	}

	@Test
	void broadcastsAPostedMessageToTheLobby() throws Exception {
		TestPusherConnection member = joinLobby();
		String text = unique("hello");

		HttpResponse<String> response = post(message("Ada", text, null));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = this.jsonMapper.readTree(response.body());
		assertThat(body.path("author").asString()).isEqualTo("Ada");
		assertThat(body.path("text").asString()).isEqualTo(text);
		assertThat(Instant.parse(body.path("sentAt").asString())).isBetween(Instant.now().minusSeconds(60),
				Instant.now());
		assertThat(member.nextEvent(ChatController.EVENT, ChatController.CHANNEL)).isEqualTo(body);
	}

	@Test
	void stripsSurroundingWhitespace() throws Exception {
		TestPusherConnection member = joinLobby();
		String text = unique("spaced");

		post(message("  Ada  ", "\t" + text + "\n", null));

		JsonNode message = member.nextEvent(ChatController.EVENT, ChatController.CHANNEL);
		assertThat(message.path("author").asString()).isEqualTo("Ada");
		assertThat(message.path("text").asString()).isEqualTo(text);
	}

	@Test
	void skipsTheSendersSocketOnly() throws Exception {
		TestPusherConnection sender = joinLobby();
		TestPusherConnection other = joinLobby();
		String text = unique("not for the sender");

		assertThat(post(message("Grace", text, sender.socketId())).statusCode()).isEqualTo(200);

		assertThat(other.nextEvent(ChatController.EVENT, ChatController.CHANNEL).path("text").asString())
			.isEqualTo(text);
		assertThatNextMessageIsAMarker(sender);
	}

	@Test
	void refusesABlankTextWithAProblemAndBroadcastsNothing() throws Exception {
		TestPusherConnection member = joinLobby();

		HttpResponse<String> response = post(message("Ada", "   ", null));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = this.jsonMapper.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("title").asString()).isEqualTo("Invalid chat message");
		assertThat(problem.path("detail").asString()).isEqualTo("text must not be blank");
		assertThat(problem.path("errors").path("text").asString()).isEqualTo("must not be blank");
		assertThat(problem.path("errors").has("author")).isFalse();
		assertThatNextMessageIsAMarker(member);
	}

	@Test
	void refusesAMissingAuthor() throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("text", "hi");

		HttpResponse<String> response = post(body);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.jsonMapper.readTree(response.body()).path("errors").path("author").asString())
			.isEqualTo("must not be blank");
	}

	@Test
	void refusesTextsAndNamesOverTheLengthLimits() throws Exception {
		String longest = "x".repeat(PostMessageRequest.MAX_TEXT_LENGTH);
		String longestName = "n".repeat(PostMessageRequest.MAX_AUTHOR_LENGTH);
		assertThat(post(message(longestName, longest, null)).statusCode()).isEqualTo(200);

		HttpResponse<String> response = post(message(longestName + "n", longest + "x", null));

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode errors = this.jsonMapper.readTree(response.body()).path("errors");
		assertThat(errors.path("text").asString()).isEqualTo("size must be between 0 and 500");
		assertThat(errors.path("author").asString()).isEqualTo("size must be between 0 and 40");
	}

	@Test
	void refusesASocketIdThatIsNotInPusherFormat() throws Exception {
		HttpResponse<String> response = post(message("Ada", "hi", "1234"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.jsonMapper.readTree(response.body()).path("errors").path("socketId").asString())
			.isEqualTo("must be a Pusher socket id such as 123.456");
	}

	@Test
	void refusesAPostWithoutAMatchingCsrfTokenAndBroadcastsNothing() throws Exception {
		TestPusherConnection member = joinLobby();
		String json = this.jsonMapper.writeValueAsString(message("Mallory", unique("forged"), null));
		Map<String, String> csrf = TestCsrf.headers(this.http, this.port);

		HttpResponse<String> withoutToken = send(json, Map.of());
		HttpResponse<String> cookieOnly = send(json, Map.of("Cookie", csrf.get("Cookie")));
		HttpResponse<String> wrongToken = send(json,
				Map.of("Cookie", csrf.get("Cookie"), "X-XSRF-TOKEN", "not-the-token"));

		assertThat(withoutToken.statusCode()).isEqualTo(403);
		assertThat(cookieOnly.statusCode()).isEqualTo(403);
		assertThat(wrongToken.statusCode()).isEqualTo(403);
		assertThatNextMessageIsAMarker(member);
	}

	@Test
	void refusesMalformedJsonWithAProblem() throws Exception {
		HttpResponse<String> response = send("{\"author\":");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		assertThat(this.jsonMapper.readTree(response.body()).path("status").asInt()).isEqualTo(400);
	}

	private TestPusherConnection joinLobby() throws Exception {
		TestPusherConnection connection = TestPusherConnection.open(this.http, this.port, this.appKey, this.jsonMapper);
		this.connections.add(connection);
		connection.subscribe(ChatController.CHANNEL);
		return connection;
	}

	/**
	 * Posts a marker message and asserts it is the next message the connection gets:
	 * messages on one channel arrive in order, so nothing posted before it is still on
	 * its way.
	 */
	private void assertThatNextMessageIsAMarker(TestPusherConnection connection) throws Exception {
		String marker = unique("marker");
		assertThat(post(message("marker", marker, null)).statusCode()).isEqualTo(200);
		assertThat(connection.nextEvent(ChatController.EVENT, ChatController.CHANNEL).path("text").asString())
			.isEqualTo(marker);
	}

	private static Map<String, Object> message(String author, String text, String socketId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("author", author);
		body.put("text", text);
		if (socketId != null) {
			body.put("socketId", socketId);
		}
		return body;
	}

	private HttpResponse<String> post(Map<String, Object> body) throws Exception {
		return send(this.jsonMapper.writeValueAsString(body));
	}

	private HttpResponse<String> send(String json) throws Exception {
		return send(json, TestCsrf.headers(this.http, this.port));
	}

	private HttpResponse<String> send(String json, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/chat/messages"))
			.timeout(TestPusherConnection.WAIT)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String unique(String text) {
		return text + " " + UUID.randomUUID();
	}

}
