package dev.sockets.sample.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.sockets.sample.TestCsrf;
import dev.sockets.sample.TestPusherConnection;
import dev.sockets.sample.TestUsers;
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
 * the lobby and on users' own channels. Posts carry a CSRF token, as the page's do, and
 * HTTP Basic credentials: only signed-in users write in the lobby.
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
	void broadcastsAPostedMessageToTheLobbyAsTheSignedInUser() throws Exception {
		TestPusherConnection member = joinLobby();
		String text = unique("hello");
		Map<String, Object> body = message(text, null);
		// whatever the body claims: only the user of the request is the author
		body.put("author", "bob");

		HttpResponse<String> response = post(body, "alice");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode answer = this.jsonMapper.readTree(response.body());
		assertThat(answer.path("author").asString()).isEqualTo("alice");
		assertThat(answer.path("text").asString()).isEqualTo(text);
		assertThat(Instant.parse(answer.path("sentAt").asString())).isBetween(Instant.now().minusSeconds(60),
				Instant.now());
		assertThat(member.nextEvent(ChatController.EVENT, ChatController.CHANNEL)).isEqualTo(answer);
	}

	@Test
	void refusesAnAnonymousPostWith401AndBroadcastsNothing() throws Exception {
		TestPusherConnection member = joinLobby();

		HttpResponse<String> response = send(this.jsonMapper.writeValueAsString(message(unique("anonymous"), null)),
				TestCsrf.headers(this.http, this.port));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThatNextMessageIsAMarker(member);
	}

	@Test
	void stripsSurroundingWhitespace() throws Exception {
		TestPusherConnection member = joinLobby();
		String text = unique("spaced");

		post(message("\t" + text + "\n", null), "alice");

		assertThat(member.nextEvent(ChatController.EVENT, ChatController.CHANNEL).path("text").asString())
			.isEqualTo(text);
	}

	@Test
	void skipsTheSendersSocketOnly() throws Exception {
		TestPusherConnection sender = joinLobby();
		TestPusherConnection other = joinLobby();
		String text = unique("not for the sender");

		assertThat(post(message(text, sender.socketId()), "alice").statusCode()).isEqualTo(200);

		assertThat(other.nextEvent(ChatController.EVENT, ChatController.CHANNEL).path("text").asString())
			.isEqualTo(text);
		assertThatNextMessageIsAMarker(sender);
	}

	@Test
	void refusesABlankTextWithAProblemAndBroadcastsNothing() throws Exception {
		TestPusherConnection member = joinLobby();

		HttpResponse<String> response = post(message("   ", null), "alice");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = this.jsonMapper.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("title").asString()).isEqualTo("Invalid chat message");
		assertThat(problem.path("detail").asString()).isEqualTo("text must not be blank");
		assertThat(problem.path("errors").path("text").asString()).isEqualTo("must not be blank");
		assertThatNextMessageIsAMarker(member);
	}

	@Test
	void refusesATextOverTheLengthLimit() throws Exception {
		String longest = "x".repeat(PostMessageRequest.MAX_TEXT_LENGTH);
		assertThat(post(message(longest, null), "alice").statusCode()).isEqualTo(200);

		HttpResponse<String> response = post(message(longest + "x", null), "alice");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.jsonMapper.readTree(response.body()).path("errors").path("text").asString())
			.isEqualTo("size must be between 0 and 500");
	}

	@Test
	void refusesASocketIdThatIsNotInPusherFormat() throws Exception {
		HttpResponse<String> response = post(message("hi", "1234"), "alice");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.jsonMapper.readTree(response.body()).path("errors").path("socketId").asString())
			.isEqualTo("must be a Pusher socket id such as 123.456");
	}

	@Test
	void refusesAPostWithoutAMatchingCsrfTokenAndBroadcastsNothing() throws Exception {
		TestPusherConnection member = joinLobby();
		String json = this.jsonMapper.writeValueAsString(message(unique("forged"), null));
		Map<String, String> csrf = TestCsrf.headers(this.http, this.port);
		Map<String, String> alice = TestUsers.basic("alice");

		HttpResponse<String> withoutToken = send(json, alice);
		HttpResponse<String> cookieOnly = send(json, with(alice, "Cookie", csrf.get("Cookie")));
		Map<String, String> wrong = with(alice, "Cookie", csrf.get("Cookie"));
		HttpResponse<String> wrongToken = send(json, with(wrong, "X-XSRF-TOKEN", "not-the-token"));

		assertThat(withoutToken.statusCode()).isEqualTo(403);
		assertThat(cookieOnly.statusCode()).isEqualTo(403);
		assertThat(wrongToken.statusCode()).isEqualTo(403);
		assertThatNextMessageIsAMarker(member);
	}

	@Test
	void refusesMalformedJsonWithAProblem() throws Exception {
		HttpResponse<String> response = send("{\"text\":", signedIn("alice"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		assertThat(this.jsonMapper.readTree(response.body()).path("status").asInt()).isEqualTo(400);
	}

	@Test
	void tellsEachMentionedUserOnTheirOwnChannelButNotTheAuthor() throws Exception {
		TestPusherConnection bob = connect("bob");
		bob.subscribe("private-user.bob");
		TestPusherConnection alice = connect("alice");
		alice.subscribe("private-user.alice");
		String text = unique("@bob, @bob and @nobody: see @alice's message");

		HttpResponse<String> response = post(message(text, null), "alice");

		JsonNode answer = this.jsonMapper.readTree(response.body());
		assertThat(bob.nextEvent(Mentions.EVENT, "private-user.bob")).isEqualTo(answer);
		// one mention for two @bob, and none for the author: the next is the marker
		String marker = unique("@alice, a marker");
		assertThat(post(message(marker, null), "bob").statusCode()).isEqualTo(200);
		assertThat(alice.nextEvent(Mentions.EVENT, "private-user.alice").path("text").asString()).isEqualTo(marker);
		assertThat(bob.seen()).filteredOn((frame) -> Mentions.EVENT.equals(frame.path("event").asString())).hasSize(1);
	}

	@Test
	void aUsersOwnChannelIsRefusedToOthersWith403AndToAnonymousConnectionsWith401() throws Exception {
		JsonNode bob = connect("bob").subscribeExpectingError("private-user.alice");
		JsonNode anonymous = joinLobby().subscribeExpectingError("private-user.alice");

		assertThat(bob.path("status").asInt()).isEqualTo(403);
		assertThat(anonymous.path("status").asInt()).isEqualTo(401);
	}

	private TestPusherConnection joinLobby() throws Exception {
		TestPusherConnection connection = TestPusherConnection.open(this.http, this.port, this.appKey, this.jsonMapper);
		this.connections.add(connection);
		connection.subscribe(ChatController.CHANNEL);
		return connection;
	}

	// a connection signed in with HTTP Basic on the handshake
	private TestPusherConnection connect(String user) throws Exception {
		TestPusherConnection connection = TestPusherConnection.open(this.http, this.port, this.appKey,
				TestUsers.basic(user), this.jsonMapper);
		this.connections.add(connection);
		return connection;
	}

	/**
	 * Posts a marker message and asserts it is the next message the connection gets:
	 * messages on one channel arrive in order, so nothing posted before it is still on
	 * its way.
	 */
	private void assertThatNextMessageIsAMarker(TestPusherConnection connection) throws Exception {
		String marker = unique("marker");
		assertThat(post(message(marker, null), "alice").statusCode()).isEqualTo(200);
		assertThat(connection.nextEvent(ChatController.EVENT, ChatController.CHANNEL).path("text").asString())
			.isEqualTo(marker);
	}

	private static Map<String, Object> message(String text, String socketId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("text", text);
		if (socketId != null) {
			body.put("socketId", socketId);
		}
		return body;
	}

	private HttpResponse<String> post(Map<String, Object> body, String user) throws Exception {
		return send(this.jsonMapper.writeValueAsString(body), signedIn(user));
	}

	// HTTP Basic credentials and a CSRF token, as a signed-in page posts
	private Map<String, String> signedIn(String user) throws Exception {
		Map<String, String> headers = new HashMap<>(TestCsrf.headers(this.http, this.port));
		headers.putAll(TestUsers.basic(user));
		return headers;
	}

	private static Map<String, String> with(Map<String, String> headers, String name, String value) {
		Map<String, String> more = new HashMap<>(headers);
		more.put(name, value);
		return more;
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
