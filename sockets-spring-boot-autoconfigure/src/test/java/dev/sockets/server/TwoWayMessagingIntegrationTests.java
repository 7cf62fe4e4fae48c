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
import dev.sockets.test.PusherTestClient;
import dev.sockets.test.SignedInUsers;
import dev.sockets.test.TestApplication;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

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
		try (PusherTestClient alice = connectAs("alice"); PusherTestClient bob = connectAs("bob")) {
			alice.subscribeAndAwait("private-room");
			bob.subscribeAndAwait("private-room");
			alice.send(Map.of("event", "client-typing", "channel", "private-room", "data", Map.of("who", "alice")));
			JsonNode relayed = bob.next();
			assertThat(relayed.get("event").stringValue()).isEqualTo("client-typing");
			assertThat(relayed.get("channel").stringValue()).isEqualTo("private-room");
			assertThat(JSON.readTree(relayed.get("data").stringValue()).get("who").stringValue()).isEqualTo("alice");
			assertThat(relayed.has("user_id")).isFalse();
			alice.assertNothingWithin(QUIET);
		}
	}

	@Test
	void onPresenceChannelsTheSendersMemberIdComesAlong() throws Exception {
		try (PusherTestClient alice = connectAs("alice"); PusherTestClient bob = connectAs("bob")) {
			alice.subscribeAndAwait("presence-room");
			bob.subscribeAndAwait("presence-room");
			alice.next();
			alice.send(Map.of("event", "client-wave", "channel", "presence-room", "data", "{\"x\":1}"));
			JsonNode relayed = bob.next();
			assertThat(relayed.get("user_id").stringValue()).isEqualTo("alice");
			assertThat(relayed.get("data").stringValue()).isEqualTo("{\"x\":1}");
		}
	}

	@Test
	void everyRefusalAnswersTheSenderAloneAndKeepsTheConnection() throws Exception {
		try (PusherTestClient alice = connectAs("alice"); PusherTestClient bob = connectAs("bob")) {
			alice.subscribeAndAwait("lobby");
			bob.subscribeAndAwait("lobby");
			bob.subscribeAndAwait("private-room");
			alice.send(Map.of("event", "client-x", "channel", "lobby", "data", "{}"));
			assertError(alice.next(), 4301, "only allowed on private and presence channels");
			alice.send(Map.of("event", "client-x", "channel", "private-room", "data", "{}"));
			assertError(alice.next(), null, "not subscribed to channel private-room");
			alice.send(Map.of("event", "client-x", "data", "{}"));
			assertError(alice.next(), null, "needs a 'channel'");
			alice.send(Map.of("event", "whisper", "channel", "private-room", "data", "{}"));
			assertError(alice.next(), null, "Unsupported event received on socket: whisper");
			bob.assertNothingWithin(QUIET);
			alice.send(Map.of("event", "pusher:ping", "data", Map.of()));
			assertThat(alice.next().get("event").stringValue()).isEqualTo("pusher:pong");
		}
	}

	@Test
	void theRateLimitRefusesExcessWith4301WithoutClosing() throws Exception {
		try (PusherTestClient alice = connectAs("alice"); PusherTestClient bob = connectAs("bob")) {
			alice.subscribeAndAwait("private-burst");
			bob.subscribeAndAwait("private-burst");
			for (int i = 0; i < 8; i++) {
				alice.send(Map.of("event", "client-n", "channel", "private-burst", "data", "{\"i\":" + i + "}"));
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
		try (PusherTestClient tab1 = PusherTestClient.connect(url(""));
				PusherTestClient tab2 = connectAs("carol");
				PusherTestClient other = connectAs("dave")) {
			String userData = "{\"id\":\"carol\",\"user_info\":{\"name\":\"Carol\"}}";
			tab1.send(Map.of("event", "pusher:signin", "data",
					Map.of("auth", this.channelAuth.signUser(tab1.socketId(), userData), "user_data", userData)));
			JsonNode success = tab1.next();
			assertThat(success.get("event").stringValue()).isEqualTo("pusher:signin_success");
			assertThat(success.get("data").get("user_data").stringValue()).isEqualTo(userData);
			tab1.subscribeAndAwait("#server-to-user-carol");
			other.subscribe("#server-to-user-carol");
			assertThat(other.next().get("data").get("status").intValue()).isEqualTo(403);

			this.broadcaster.toUser("carol").emit("notice", Map.of("text", "hello"));
			assertThat(tab1.next().get("channel").stringValue()).isEqualTo("#server-to-user-carol");
			// authenticated at the handshake: no sign-in needed
			assertThat(tab2.next().get("event").stringValue()).isEqualTo("notice");
			other.assertNothingWithin(QUIET);
		}
	}

	@Test
	void badSignInsAreRefused() throws Exception {
		try (PusherTestClient anonymous = PusherTestClient.connect(url(""));
				PusherTestClient erin = connectAs("erin")) {
			String userData = "{\"id\":\"mallory\"}";
			anonymous.send(Map.of("event", "pusher:signin", "data",
					Map.of("auth", this.channelAuth.signUser(erin.socketId(), userData), "user_data", userData)));
			assertError(anonymous.next(), 4009, "Invalid signature");
			anonymous.send(Map.of("event", "pusher:signin", "data",
					Map.of("auth", this.channelAuth.signUser(anonymous.socketId(), "{\"name\":\"x\"}"), "user_data",
							"{\"name\":\"x\"}")));
			assertError(anonymous.next(), 4009, "'id'");
			erin.send(Map.of("event", "pusher:signin", "data",
					Map.of("auth", this.channelAuth.signUser(erin.socketId(), userData), "user_data", userData)));
			assertError(erin.next(), 4009, "already belongs to another user");
		}
	}

	@Test
	void theUserAuthenticationEndpointSignsTheCallersUserData() throws Exception {
		try (PusherTestClient client = PusherTestClient.connect(url(""))) {
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
			client.send(Map.of("event", "pusher:signin", "data",
					Map.of("auth", body.get("auth").stringValue(), "user_data", userData)));
			assertThat(client.next().get("event").stringValue()).isEqualTo("pusher:signin_success");
		}
	}

	@Test
	void theUserAuthenticationEndpointNeverSignsForAnotherUsersSocket() throws Exception {
		try (PusherTestClient alice = connectAs("alice")) {
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
		try (PusherTestClient ivy = PusherTestClient.connect(url(""))) {
			String userData = "{\"id\":\"ivy\",\"user_info\":{\"name\":\"Ivy\"}}";
			ivy.send(Map.of("event", "pusher:signin", "data",
					Map.of("auth", this.channelAuth.signUser(ivy.socketId(), userData), "user_data", userData)));
			assertThat(ivy.next().get("event").stringValue()).isEqualTo("pusher:signin_success");
			// signed over "<socket_id>:<channel>" only, by an authorizer of the app's own
			ivy.send(Map.of("event", "pusher:subscribe", "data", Map.of("channel", "presence-lobby", "auth",
					this.channelAuth.sign(ivy.socketId(), "presence-lobby", null))));
			JsonNode joined = ivy.next();
			assertThat(joined.get("event").stringValue()).isEqualTo("pusher_internal:subscription_succeeded");
			assertThat(JSON.readTree(joined.get("data").stringValue()).get("presence"))
				.isEqualTo(JSON.readTree("{\"ids\":[\"ivy\"],\"hash\":{\"ivy\":{\"name\":\"Ivy\"}},\"count\":1}"));
		}
		try (PusherTestClient anonymous = PusherTestClient.connect(url(""))) {
			anonymous.send(Map.of("event", "pusher:subscribe", "data", Map.of("channel", "presence-lobby", "auth",
					this.channelAuth.sign(anonymous.socketId(), "presence-lobby", null))));
			JsonNode refused = anonymous.next();
			assertThat(refused.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(refused.get("data").get("status").intValue()).isEqualTo(401);
		}
	}

	@Test
	void aPresenceMembershipAloneDoesNotMakeAConnectionTheUsers() throws Exception {
		try (PusherTestClient member = PusherTestClient.connect(url(""))) {
			String channelData = "{\"user_id\":\"jack\"}";
			member.send(Map.of("event", "pusher:subscribe", "data",
					Map.of("channel", "presence-lobby", "auth",
							this.channelAuth.sign(member.socketId(), "presence-lobby", channelData), "channel_data",
							channelData)));
			assertThat(member.next().get("event").stringValue()).isEqualTo("pusher_internal:subscription_succeeded");
			member.subscribe("#server-to-user-jack");
			JsonNode refused = member.next();
			assertThat(refused.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(refused.get("data").get("status").intValue()).isEqualTo(403);

			assertThat(terminate("jack").statusCode()).isEqualTo(200);
			member.assertNothingWithin(QUIET);
			assertThat(member.isClosed()).isFalse();
		}
	}

	@Test
	void terminateConnectionsClosesEveryConnectionOfTheUser() throws Exception {
		try (PusherTestClient gina1 = connectAs("gina");
				PusherTestClient gina2 = connectAs("gina");
				PusherTestClient hank = connectAs("hank")) {
			HttpResponse<String> response = terminate("gina");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{}");
			assertThat(gina1.awaitClose()).isEqualTo(4009);
			assertThat(gina2.awaitClose()).isEqualTo(4009);
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

	private static JsonNode next(PusherTestClient sender, PusherTestClient receiver) throws InterruptedException {
		// relayed events arrive at the receiver, refusals at the sender
		JsonNode frame = sender.pollOrNull(Duration.ofMillis(50));
		return (frame != null) ? frame : receiver.next();
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

	private PusherTestClient connectAs(String user) throws Exception {
		return PusherTestClient.connect(url("?token=" + user + "-token"));
	}

	private String url(String query) {
		return "ws://127.0.0.1:" + this.socketsPort + "/app/app-key" + query;
	}

}
