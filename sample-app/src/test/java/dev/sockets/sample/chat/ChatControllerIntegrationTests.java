package dev.sockets.sample.chat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.sockets.sample.TestCsrf;
import dev.sockets.sample.TestUsers;
import dev.sockets.test.autoconfigure.AutoConfigureRecordingBroadcaster;
import dev.sockets.test.autoconfigure.AutoConfigureSocketsTestClient;
import dev.sockets.test.autoconfigure.SocketsTestClients;
import dev.sockets.test.broadcast.RecordedBroadcast;
import dev.sockets.test.broadcast.RecordingBroadcaster;
import dev.sockets.test.client.SocketsTestClient;
import dev.sockets.test.client.SubscriptionRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.sockets.sample.InlineSubscriptions.subscribeInlineExpectingError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code POST /chat/messages} against the running app, with the test kit's clients in the
 * lobby and on users' own channels, and its recording broadcaster, which records what the
 * app broadcast and passes it on to the clients. Posts carry a CSRF token, as the page's
 * do, and HTTP Basic credentials: only signed-in users write in the lobby.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSocketsTestClient
@AutoConfigureRecordingBroadcaster
class ChatControllerIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

	@Autowired
	private SocketsTestClients clients;

	@Autowired
	private RecordingBroadcaster broadcasts;

	@Autowired
	private JsonMapper jsonMapper;

	private final List<SocketsTestClient> connections = new ArrayList<>();

	@AfterEach
	void closeConnections() {
		this.connections.forEach(SocketsTestClient::close);
	}

	@Test
	void broadcastsAPostedMessageToTheLobbyAsTheSignedInUser() throws Exception {
		SocketsTestClient member = joinLobby();
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
		assertThat(member.awaitEvent(ChatController.CHANNEL, ChatController.EVENT).json()).isEqualTo(answer);
		// what the app broadcast, all of it: the lobby message, to every socket
		assertThat(this.broadcasts.broadcasts()).singleElement().satisfies((sent) -> {
			assertThat(sent.channel()).isEqualTo(ChatController.CHANNEL);
			assertThat(sent.event()).isEqualTo(ChatController.EVENT);
			assertThat(sent.json()).isEqualTo(answer);
			assertThat(sent.exceptSocketId()).isNull();
		});
	}

	@Test
	void refusesAnAnonymousPostWith401AndBroadcastsNothing() throws Exception {
		SocketsTestClient member = joinLobby();

		HttpResponse<String> response = send(this.jsonMapper.writeValueAsString(message(unique("anonymous"), null)),
				TestCsrf.headers(this.http, this.clients.applicationServer()));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(this.broadcasts.broadcasts()).isEmpty();
		assertThatNextMessageIsAMarker(member);
	}

	@Test
	void stripsSurroundingWhitespace() throws Exception {
		SocketsTestClient member = joinLobby();
		String text = unique("spaced");

		post(message("\t" + text + "\n", null), "alice");

		assertThat(member.awaitEvent(ChatController.CHANNEL, ChatController.EVENT).json().path("text").asString())
			.isEqualTo(text);
	}

	@Test
	void skipsTheSendersSocketOnly() throws Exception {
		SocketsTestClient sender = joinLobby();
		SocketsTestClient other = joinLobby();
		String text = unique("not for the sender");

		assertThat(post(message(text, sender.socketId()), "alice").statusCode()).isEqualTo(200);

		assertThat(this.broadcasts.broadcastsTo(ChatController.CHANNEL)).singleElement()
			.satisfies((sent) -> assertThat(sent.exceptSocketId()).isEqualTo(sender.socketId()));
		assertThat(other.awaitEvent(ChatController.CHANNEL, ChatController.EVENT).json().path("text").asString())
			.isEqualTo(text);
		assertThatNextMessageIsAMarker(sender);
	}

	@Test
	void refusesABlankTextWithAProblemAndBroadcastsNothing() throws Exception {
		SocketsTestClient member = joinLobby();

		HttpResponse<String> response = post(message("   ", null), "alice");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = this.jsonMapper.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("title").asString()).isEqualTo("Invalid chat message");
		assertThat(problem.path("detail").asString()).isEqualTo("text must not be blank");
		assertThat(problem.path("errors").path("text").asString()).isEqualTo("must not be blank");
		assertThat(this.broadcasts.broadcasts()).isEmpty();
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
		SocketsTestClient member = joinLobby();
		String json = this.jsonMapper.writeValueAsString(message(unique("forged"), null));
		Map<String, String> csrf = TestCsrf.headers(this.http, this.clients.applicationServer());
		Map<String, String> alice = TestUsers.basic("alice");

		HttpResponse<String> withoutToken = send(json, alice);
		HttpResponse<String> cookieOnly = send(json, with(alice, "Cookie", csrf.get("Cookie")));
		Map<String, String> wrong = with(alice, "Cookie", csrf.get("Cookie"));
		HttpResponse<String> wrongToken = send(json, with(wrong, "X-XSRF-TOKEN", "not-the-token"));

		assertThat(withoutToken.statusCode()).isEqualTo(403);
		assertThat(cookieOnly.statusCode()).isEqualTo(403);
		assertThat(wrongToken.statusCode()).isEqualTo(403);
		assertThat(this.broadcasts.broadcasts()).isEmpty();
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
		SocketsTestClient bob = connect("bob");
		bob.subscribe("private-user.bob");
		SocketsTestClient alice = connect("alice");
		alice.subscribe("private-user.alice");
		String text = unique("@bob, @bob and @nobody: see @alice's message");

		HttpResponse<String> response = post(message(text, null), "alice");

		JsonNode answer = this.jsonMapper.readTree(response.body());
		// one mention for two @bob, none for the author nor for a user who does not exist
		assertThat(this.broadcasts.broadcasts()).extracting(RecordedBroadcast::channel, RecordedBroadcast::event)
			.containsExactly(tuple(ChatController.CHANNEL, ChatController.EVENT),
					tuple("private-user.bob", Mentions.EVENT));
		assertThat(bob.awaitEvent("private-user.bob", Mentions.EVENT).json()).isEqualTo(answer);
		// and as the clients see it: the next mention alice gets is the marker
		String marker = unique("@alice, a marker");
		assertThat(post(message(marker, null), "bob").statusCode()).isEqualTo(200);
		assertThat(alice.awaitEvent("private-user.alice", Mentions.EVENT).json().path("text").asString())
			.isEqualTo(marker);
		bob.assertNoEvent("private-user.bob", Mentions.EVENT, Duration.ofMillis(200));
	}

	@Test
	void aUsersOwnChannelIsRefusedToOthersWith403AndToAnonymousConnectionsWith401() throws Exception {
		SocketsTestClient bob = connect("bob");
		SocketsTestClient anonymous = joinLobby();

		// through the authorization endpoint, as pusher-js subscribes
		assertThatExceptionOfType(SubscriptionRefusedException.class)
			.isThrownBy(() -> bob.subscribe("private-user.alice"))
			.satisfies((refused) -> assertThat(refused.status()).isEqualTo(403));
		assertThatExceptionOfType(SubscriptionRefusedException.class)
			.isThrownBy(() -> anonymous.subscribe("private-user.alice"))
			.satisfies((refused) -> assertThat(refused.status()).isEqualTo(401));
		// and inline, as the user of the handshake
		assertThat(subscribeInlineExpectingError(bob, "private-user.alice").path("status").asInt()).isEqualTo(403);
		assertThat(subscribeInlineExpectingError(anonymous, "private-user.alice").path("status").asInt())
			.isEqualTo(401);
	}

	private SocketsTestClient joinLobby() {
		SocketsTestClient connection = this.clients.connect();
		this.connections.add(connection);
		connection.subscribe(ChatController.CHANNEL);
		return connection;
	}

	// a connection signed in with HTTP Basic on the handshake and on the authorization
	// endpoint
	private SocketsTestClient connect(String user) {
		SocketsTestClient connection = this.clients.connectAs(user, TestUsers.password(user));
		this.connections.add(connection);
		return connection;
	}

	/**
	 * Posts a marker message and asserts it is the next message the connection gets:
	 * messages on one channel arrive in order, so nothing posted before it is still on
	 * its way.
	 */
	private void assertThatNextMessageIsAMarker(SocketsTestClient connection) throws Exception {
		String marker = unique("marker");
		assertThat(post(message(marker, null), "alice").statusCode()).isEqualTo(200);
		assertThat(connection.awaitEvent(ChatController.CHANNEL, ChatController.EVENT).json().path("text").asString())
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
		Map<String, String> headers = new HashMap<>(TestCsrf.headers(this.http, this.clients.applicationServer()));
		headers.putAll(TestUsers.basic(user));
		return headers;
	}

	private static Map<String, String> with(Map<String, String> headers, String name, String value) {
		Map<String, String> more = new HashMap<>(headers);
		more.put(name, value);
		return more;
	}

	private HttpResponse<String> send(String json, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.clients.applicationServer().resolve("/chat/messages"))
			.timeout(WAIT)
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
