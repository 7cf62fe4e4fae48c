package dev.sockets.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import dev.sockets.broker.Broadcaster;
import dev.sockets.protocol.ChannelAuth;
import dev.sockets.protocol.Signatures;
import dev.sockets.test.ApiSigning;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.SignedInUsers;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.sockets.test.TestClients.assertNothingWithin;
import static dev.sockets.test.TestClients.awaitClose;
import static dev.sockets.test.TestClients.send;
import static dev.sockets.test.TestClients.subscribe;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client events, sign-in and messages to a user against a real server.
 */
@SpringBootTest(classes = { TestApplication.class, SignedInUsers.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1234", "sockets.app.key=app-key", "sockets.app.secret=app-secret",
				"sockets.client-events.enabled=true", "sockets.client-events.rate-limit=5" })
class TwoWayMessagingIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Duration QUIET = Duration.ofMillis(300);

	private final ChannelAuth channelAuth = new ChannelAuth("app-key", new Signatures("app-secret"));

	@LocalServerPort
	private int port;

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Autowired
	private Broadcaster broadcaster;

	@Test
	void clientEventsReachTheOtherSubscribersButNotTheSender() throws Exception {
		try (SocketsTestClient alice = connectAs("alice"); SocketsTestClient bob = connectAs("bob")) {
			subscribeAndAwait(alice, "private-room");
			subscribeAndAwait(bob, "private-room");
			send(alice, Map.of("event", "client-typing", "channel", "private-room", "data", Map.of("who", "alice")));
			JsonNode relayed = bob.nextMessage();
			assertThat(relayed.get("event").stringValue()).isEqualTo("client-typing");
			assertThat(relayed.get("channel").stringValue()).isEqualTo("private-room");
			assertThat(JSON.readTree(relayed.get("data").stringValue()).get("who").stringValue()).isEqualTo("alice");
			assertThat(relayed.has("user_id")).isFalse();
			assertNothingWithin(alice, QUIET);
		}
	}

	@Test
	void onPresenceChannelsTheSendersMemberIdComesAlong() throws Exception {
		try (SocketsTestClient alice = connectAs("alice"); SocketsTestClient bob = connectAs("bob")) {
			subscribeAndAwait(alice, "presence-room");
			subscribeAndAwait(bob, "presence-room");
			alice.nextMessage();
			send(alice, Map.of("event", "client-wave", "channel", "presence-room", "data", "{\"x\":1}"));
			JsonNode relayed = bob.nextMessage();
			assertThat(relayed.get("user_id").stringValue()).isEqualTo("alice");
			assertThat(relayed.get("data").stringValue()).isEqualTo("{\"x\":1}");
		}
	}

	@Test
	void everyRefusalAnswersTheSenderAloneAndKeepsTheConnection() throws Exception {
		try (SocketsTestClient alice = connectAs("alice"); SocketsTestClient bob = connectAs("bob")) {
			subscribeAndAwait(alice, "lobby");
			subscribeAndAwait(bob, "lobby");
			subscribeAndAwait(bob, "private-room");
			send(alice, Map.of("event", "client-x", "channel", "lobby", "data", "{}"));
			assertError(alice.nextMessage(), 4301, "only allowed on private and presence channels");
			send(alice, Map.of("event", "client-x", "channel", "private-room", "data", "{}"));
			assertError(alice.nextMessage(), null, "not subscribed to channel private-room");
			send(alice, Map.of("event", "client-x", "data", "{}"));
			assertError(alice.nextMessage(), null, "needs a 'channel'");
			send(alice, Map.of("event", "whisper", "channel", "private-room", "data", "{}"));
			assertError(alice.nextMessage(), null, "Unsupported event received on socket: whisper");
			assertNothingWithin(bob, QUIET);
			send(alice, Map.of("event", "pusher:ping", "data", Map.of()));
			assertThat(alice.nextMessage().get("event").stringValue()).isEqualTo("pusher:pong");
		}
	}

	@Test
	void theRateLimitRefusesExcessWith4301WithoutClosing() throws Exception {
		try (SocketsTestClient alice = connectAs("alice"); SocketsTestClient bob = connectAs("bob")) {
			subscribeAndAwait(alice, "private-burst");
			subscribeAndAwait(bob, "private-burst");
			for (int i = 0; i < 8; i++) {
				send(alice, Map.of("event", "client-n", "channel", "private-burst", "data", "{\"i\":" + i + "}"));
			}
			int relayed = 0;
			int refused = 0;
			for (int i = 0; i < 8; i++) {
				JsonNode frame = next(alice, bob);
				if ("client-n".equals(frame.get("event").stringValue())) {
					relayed++;
				}
				else {
					assertError(frame, 4301, "rate limit");
					refused++;
				}
			}
			// a burst of 5, refilled at 5 a second: the burst itself takes a few ms
			assertThat(relayed).isBetween(5, 6);
			assertThat(relayed + refused).isEqualTo(8);
			assertThat(alice.isClosed()).isFalse();
		}
	}

	@Test
	void signInMakesTheConnectionTheUsersAndToUserReachesEveryConnection() throws Exception {
		try (SocketsTestClient tab1 = TestClients.connect(url(""));
				SocketsTestClient tab2 = connectAs("carol");
				SocketsTestClient other = connectAs("dave")) {
			String userData = "{\"id\":\"carol\",\"user_info\":{\"name\":\"Carol\"}}";
			send(tab1, Map.of("event", "pusher:signin", "data",
					Map.of("auth", this.channelAuth.signUser(tab1.socketId(), userData), "user_data", userData)));
			JsonNode success = tab1.nextMessage();
			assertThat(success.get("event").stringValue()).isEqualTo("pusher:signin_success");
			assertThat(success.get("data").get("user_data").stringValue()).isEqualTo(userData);
			subscribeAndAwait(tab1, "#server-to-user-carol");
			subscribe(other, "#server-to-user-carol");
			assertThat(other.nextMessage().get("data").get("status").intValue()).isEqualTo(403);

			this.broadcaster.toUser("carol").emit("notice", Map.of("text", "hello"));
			assertThat(tab1.nextMessage().get("channel").stringValue()).isEqualTo("#server-to-user-carol");
			// authenticated at the handshake: no sign-in needed
			assertThat(tab2.nextMessage().get("event").stringValue()).isEqualTo("notice");
			assertNothingWithin(other, QUIET);
		}
	}

	@Test
	void badSignInsAreRefused() throws Exception {
		try (SocketsTestClient anonymous = TestClients.connect(url("")); SocketsTestClient erin = connectAs("erin")) {
			String userData = "{\"id\":\"mallory\"}";
			send(anonymous, Map.of("event", "pusher:signin", "data",
					Map.of("auth", this.channelAuth.signUser(erin.socketId(), userData), "user_data", userData)));
			assertError(anonymous.nextMessage(), 4009, "Invalid signature");
			send(anonymous,
					Map.of("event", "pusher:signin", "data",
							Map.of("auth", this.channelAuth.signUser(anonymous.socketId(), "{\"name\":\"x\"}"),
									"user_data", "{\"name\":\"x\"}")));
			assertError(anonymous.nextMessage(), 4009, "'id'");
			send(erin, Map.of("event", "pusher:signin", "data",
					Map.of("auth", this.channelAuth.signUser(erin.socketId(), userData), "user_data", userData)));
			assertError(erin.nextMessage(), 4009, "already belongs to another user");
		}
	}

	@Test
	void theUserAuthenticationEndpointSignsTheCallersUserData() throws Exception {
		try (SocketsTestClient client = TestClients.connect(url(""))) {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/sockets/user-auth"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.header("X-Token", "frank-token")
					.POST(HttpRequest.BodyPublishers.ofString("socket_id=" + client.socketId()))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode body = JSON.readTree(response.body());
			String userData = body.get("user_data").stringValue();
			assertThat(JSON.readTree(userData).get("id").stringValue()).isEqualTo("frank");
			assertThat(body.get("auth").stringValue())
				.isEqualTo(this.channelAuth.signUser(client.socketId(), userData));
			send(client, Map.of("event", "pusher:signin", "data",
					Map.of("auth", body.get("auth").stringValue(), "user_data", userData)));
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("pusher:signin_success");
		}
	}

	@Test
	void theUserAuthenticationEndpointNeverSignsForAnotherUsersSocket() throws Exception {
		try (SocketsTestClient alice = connectAs("alice")) {
			for (String token : new String[] { null, "frank-token" }) {
				HttpRequest.Builder request = HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/sockets/user-auth"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("socket_id=" + alice.socketId()));
				if (token != null) {
					request.header("X-Token", token);
				}
				HttpResponse<String> response = HttpClient.newHttpClient()
					.send(request.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as("caller %s", token).isEqualTo(403);
				assertThat(response.body()).doesNotContain("alice");
			}
		}
	}

	@Test
	void aSignedInConnectionJoinsPresenceAsItsUserWithoutChannelData() throws Exception {
		try (SocketsTestClient ivy = TestClients.connect(url(""))) {
			String userData = "{\"id\":\"ivy\",\"user_info\":{\"name\":\"Ivy\"}}";
			send(ivy, Map.of("event", "pusher:signin", "data",
					Map.of("auth", this.channelAuth.signUser(ivy.socketId(), userData), "user_data", userData)));
			assertThat(ivy.nextMessage().get("event").stringValue()).isEqualTo("pusher:signin_success");
			// signed over "<socket_id>:<channel>" only, by an authorizer of the app's own
			send(ivy, Map.of("event", "pusher:subscribe", "data", Map.of("channel", "presence-lobby", "auth",
					this.channelAuth.sign(ivy.socketId(), "presence-lobby", null))));
			JsonNode joined = ivy.nextMessage();
			assertThat(joined.get("event").stringValue()).isEqualTo("pusher_internal:subscription_succeeded");
			assertThat(JSON.readTree(joined.get("data").stringValue()).get("presence"))
				.isEqualTo(JSON.readTree("{\"ids\":[\"ivy\"],\"hash\":{\"ivy\":{\"name\":\"Ivy\"}},\"count\":1}"));
		}
		try (SocketsTestClient anonymous = TestClients.connect(url(""))) {
			send(anonymous, Map.of("event", "pusher:subscribe", "data", Map.of("channel", "presence-lobby", "auth",
					this.channelAuth.sign(anonymous.socketId(), "presence-lobby", null))));
			JsonNode refused = anonymous.nextMessage();
			assertThat(refused.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(refused.get("data").get("status").intValue()).isEqualTo(401);
		}
	}

	@Test
	void aPresenceMembershipAloneDoesNotMakeAConnectionTheUsers() throws Exception {
		try (SocketsTestClient member = TestClients.connect(url(""))) {
			String channelData = "{\"user_id\":\"jack\"}";
			send(member,
					Map.of("event", "pusher:subscribe", "data",
							Map.of("channel", "presence-lobby", "auth",
									this.channelAuth.sign(member.socketId(), "presence-lobby", channelData),
									"channel_data", channelData)));
			assertThat(member.nextMessage().get("event").stringValue())
				.isEqualTo("pusher_internal:subscription_succeeded");
			subscribe(member, "#server-to-user-jack");
			JsonNode refused = member.nextMessage();
			assertThat(refused.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(refused.get("data").get("status").intValue()).isEqualTo(403);

			assertThat(terminate("jack").statusCode()).isEqualTo(200);
			assertNothingWithin(member, QUIET);
			assertThat(member.isClosed()).isFalse();
		}
	}

	@Test
	void terminateConnectionsClosesEveryConnectionOfTheUser() throws Exception {
		try (SocketsTestClient gina1 = connectAs("gina");
				SocketsTestClient gina2 = connectAs("gina");
				SocketsTestClient hank = connectAs("hank")) {
			HttpResponse<String> response = terminate("gina");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{}");
			assertThat(awaitClose(gina1)).isEqualTo(4009);
			assertThat(awaitClose(gina2)).isEqualTo(4009);
			assertThat(hank.isClosed()).isFalse();
		}
	}

	private HttpResponse<String> terminate(String user) throws Exception {
		String path = "/apps/1234/users/" + user + "/terminate_connections";
		Map<String, String> params = new TreeMap<>();
		params.put("auth_key", "app-key");
		params.put("auth_timestamp", Long.toString(Instant.now().getEpochSecond()));
		params.put("auth_version", "1.0");
		params.put("body_md5", Signatures.md5Hex("{}".getBytes(StandardCharsets.UTF_8)));
		return HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.socketsPort + path + "?"
						+ ApiSigning.sign("POST", path, params, "app-secret")))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode next(SocketsTestClient sender, SocketsTestClient receiver) {
		// relayed events arrive at the receiver, refusals at the sender
		JsonNode frame = sender.pollMessage(Duration.ofMillis(50));
		return (frame != null) ? frame : receiver.nextMessage();
	}

	private static void assertError(JsonNode frame, @Nullable Integer code, String messagePart) {
		assertThat(frame.get("event").stringValue()).as(frame.toString()).isEqualTo("pusher:error");
		JsonNode data = frame.get("data");
		if (code == null) {
			assertThat(data.get("code").isNull()).isTrue();
		}
		else {
			assertThat(data.get("code").intValue()).isEqualTo(code);
		}
		assertThat(data.get("message").stringValue()).contains(messagePart);
	}

	private SocketsTestClient connectAs(String user) throws Exception {
		return TestClients.connect(url("?token=" + user + "-token"));
	}

	private String url(String query) {
		return "ws://127.0.0.1:" + this.socketsPort + "/app/app-key" + query;
	}

}
