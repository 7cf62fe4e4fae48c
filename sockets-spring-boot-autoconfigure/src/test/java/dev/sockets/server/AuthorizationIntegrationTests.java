package dev.sockets.server;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import dev.sockets.broker.Broadcaster;
import dev.sockets.channel.AuthorizeChannel;
import dev.sockets.channel.ChannelVariable;
import dev.sockets.channel.PresenceMember;
import dev.sockets.protocol.ChannelAuth;
import dev.sockets.protocol.Signatures;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.RawHandshake;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.TokenAuthenticator;
import dev.sockets.test.client.SocketsTestClient;
import org.jspecify.annotations.Nullable;
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

import static dev.sockets.test.TestClients.assertNothingWithin;
import static dev.sockets.test.TestClients.send;
import static dev.sockets.test.TestClients.subscribe;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both doors of the authorizer pipeline against a real server: the authorization endpoint
 * that pusher-js calls, and inline subscriptions by connections authenticated at the
 * handshake.
 */
@SpringBootTest(classes = { TestApplication.class, AuthorizationIntegrationTests.Authorizers.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1234", "sockets.app.key=app-key", "sockets.app.secret=app-secret",
				"sockets.authorization.timeout=1s",
				"sockets.app.encryption-master-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" })
class AuthorizationIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final ChannelAuth channelAuth = new ChannelAuth("app-key", new Signatures("app-secret"));

	@LocalServerPort
	private int port;

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Autowired
	private Broadcaster broadcaster;

	@Test
	void aTokenFromTheQueryStringAuthorizesPrivateChannelsInline() throws Exception {
		try (SocketsTestClient alice = connectAs("alice")) {
			subscribeAndAwait(alice, "private-team.1");
			this.broadcaster.to("private-team.1").emit("news", Map.of("text", "hi"));
			JsonNode event = alice.nextMessage();
			assertThat(event.get("event").stringValue()).isEqualTo("news");
			assertThat(event.get("channel").stringValue()).isEqualTo("private-team.1");
		}
	}

	@Test
	void aTokenInAHeaderWorksToo() throws Exception {
		try (SocketsTestClient alice = TestClients.connect(url(""), Map.of("X-Token", "alice-token"))) {
			subscribeAndAwait(alice, "private-team.1");
		}
	}

	@Test
	void inlineRefusalsSayWhetherToSignInOrNotAndKeepTheConnection() throws Exception {
		try (SocketsTestClient anonymous = TestClients.connect(url("")); SocketsTestClient bob = connectAs("bob")) {
			subscribe(anonymous, "private-team.1");
			assertSubscriptionError(anonymous.nextMessage(), "private-team.1", 401);
			subscribe(bob, "private-team.1");
			JsonNode denied = bob.nextMessage();
			assertSubscriptionError(denied, "private-team.1", 403);
			assertThat(denied.get("data").get("error").stringValue()).isEqualTo("Access to private-team.1 is denied");
			subscribe(bob, "private-team.abc");
			assertSubscriptionError(bob.nextMessage(), "private-team.abc", 403);
			subscribeAndAwait(bob, "private-team.2");
			subscribeAndAwait(anonymous, "lobby");
		}
	}

	@Test
	void aMatchingAuthorizerCanDenyAPublicChannel() throws Exception {
		try (SocketsTestClient mallory = connectAs("mallory"); SocketsTestClient bob = connectAs("bob")) {
			subscribe(mallory, "announcements");
			JsonNode denied = mallory.nextMessage();
			assertSubscriptionError(denied, "announcements", 403);
			assertThat(denied.get("data").get("error").stringValue()).isEqualTo("Access to announcements is denied");
			subscribeAndAwait(bob, "announcements");
		}
	}

	@Test
	void aRejectedTokenIsRefusedAtTheHandshakeWith401() throws Exception {
		RawHandshake.Response response = RawHandshake.response(this.socketsPort, "/app/app-key?token=forged", "");
		assertThat(response.head()).startsWith("HTTP/1.1 401");
		assertThat(JSON.readTree(response.body()).get("error").stringValue()).isEqualTo("Token rejected");
		assertThat(RawHandshake.responseHead(this.socketsPort, "/app/app-key?token=alice-token", ""))
			.startsWith("HTTP/1.1 101");
	}

	@Test
	void aSlowAuthorizerDeniesWith503WithoutHoldingUpTheConnection() throws Exception {
		try (SocketsTestClient alice = connectAs("alice")) {
			subscribe(alice, "private-slow");
			subscribeAndAwait(alice, "lobby");
			send(alice, Map.of("event", "pusher:ping", "data", Map.of()));
			assertThat(alice.nextMessage().get("event").stringValue()).isEqualTo("pusher:pong");
			assertSubscriptionError(alice.nextMessage(), "private-slow", 503);
			subscribeAndAwait(alice, "private-team.1");
		}
	}

	@Test
	void unsubscribingWhileTheAuthorizersDecideCancelsTheSubscription() throws Exception {
		try (SocketsTestClient alice = connectAs("alice")) {
			subscribe(alice, "private-delayed");
			send(alice, Map.of("event", "pusher:unsubscribe", "data", Map.of("channel", "private-delayed")));
			assertNothingWithin(alice, Duration.ofMillis(600));
			this.broadcaster.to("private-delayed").emit("news", "{}");
			assertNothingWithin(alice, Duration.ofMillis(200));
			subscribeAndAwait(alice, "private-delayed");
		}
	}

	@Test
	void theEndpointSignsAGrantThatTheSocketAccepts() throws Exception {
		try (SocketsTestClient client = TestClients.connect(url(""))) {
			HttpResponse<String> response = authorize(client.socketId(), "private-team.1", "alice-token");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			String auth = JSON.readTree(response.body()).get("auth").stringValue();
			assertThat(auth).isEqualTo(this.channelAuth.sign(client.socketId(), "private-team.1", null));
			send(client,
					Map.of("event", "pusher:subscribe", "data", Map.of("auth", auth, "channel", "private-team.1")));
			assertThat(client.nextMessage().get("event").stringValue())
				.isEqualTo("pusher_internal:subscription_succeeded");
		}
	}

	@Test
	void theEndpointAlsoAcceptsJson() throws Exception {
		try (SocketsTestClient client = TestClients.connect(url(""))) {
			String body = JSON
				.writeValueAsString(Map.of("socket_id", client.socketId(), "channel_name", "private-team.1"));
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint())
				.header("Content-Type", "application/json")
				.header("X-Token", "alice-token")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(response.body()).get("auth").stringValue())
				.isEqualTo(this.channelAuth.sign(client.socketId(), "private-team.1", null));
		}
	}

	@Test
	void theEndpointRefusesWith401Or403AndAJsonReason() throws Exception {
		try (SocketsTestClient client = TestClients.connect(url(""))) {
			assertError(authorize(client.socketId(), "private-team.1", null), 401,
					"Sign in to subscribe to private-team.1");
			assertError(authorize(client.socketId(), "private-team.1", "bob-token"), 403,
					"Access to private-team.1 is denied");
			assertError(authorize(client.socketId(), "private-team.1", "forged"), 401, "Token rejected");
		}
	}

	@Test
	void theEndpointRejectsBadRequestsWith400() throws Exception {
		try (SocketsTestClient client = TestClients.connect(url(""))) {
			assertError(authorize("not-a-socket", "private-team.1", "alice-token"), 400,
					"Invalid socket id 'not-a-socket'");
			assertError(authorize(client.socketId(), "lobby", "alice-token"), 400,
					"Only private, private-encrypted and presence channels are authorized here; lobby is public");
			assertError(authorize(client.socketId(), "private-bad name", "alice-token"), 400, null);
			assertError(post(Map.of("socket_id", client.socketId()), "alice-token"), 400, "'channel_name' is required");
		}
	}

	@Test
	void theEndpointOnlySignsForOpenConnectionsOfTheCaller() throws Exception {
		try (SocketsTestClient alice = connectAs("alice")) {
			String socketId = alice.socketId();
			String unknown = socketId.substring(0, socketId.indexOf('.') + 1) + "1";
			assertError(authorize(unknown, "private-team.1", "alice-token"), 403,
					"No open connection has socket id " + unknown);
			// with the local broker there are no other nodes, so no other node's socket
			// ids
			assertError(authorize("1.2", "private-team.1", "alice-token"), 403, "No open connection has socket id 1.2");
			assertError(authorize(socketId, "private-team.2", "bob-token"), 403,
					"Socket " + socketId + " belongs to another user");
			// an anonymous caller gets nothing in the name of the connection's user
			HttpResponse<String> anonymous = authorize(socketId, "presence-room.1", null);
			assertError(anonymous, 403, "Socket " + socketId + " belongs to another user");
			assertThat(anonymous.body()).doesNotContain("alice");
			assertThat(authorize(socketId, "private-team.1", "alice-token").statusCode()).isEqualTo(200);
		}
	}

	// a form on another site posts with the user's cookies too; the browser marks it with
	// Origin (or Referer)
	@Test
	void withCookiesOnlyTheApplicationsOwnPagesAreAnswered() throws Exception {
		try (SocketsTestClient alice = connectAs("alice")) {
			Map<String, String> form = Map.of("socket_id", alice.socketId(), "channel_name", "private-team.1");
			String self = "http://127.0.0.1:" + this.port;
			assertError(post(form, "alice-token", Map.of("Cookie", "SESSION=1", "Origin", "https://evil.example")), 403,
					"A request with cookies from origin https://evil.example is not allowed");
			assertError(
					post(form, "alice-token",
							Map.of("Cookie", "SESSION=1", "Referer", "https://evil.example/page.html")),
					403, "A request with cookies from origin https://evil.example is not allowed");
			assertThat(post(form, "alice-token", Map.of("Cookie", "SESSION=1", "Origin", self)).statusCode())
				.isEqualTo(200);
			assertThat(post(form, "alice-token", Map.of("Cookie", "SESSION=1", "Referer", self + "/chat")).statusCode())
				.isEqualTo(200);
			// no cookies: no ambient credentials to abuse (pusher-js from another origin
			// with a bearer token)
			assertThat(post(form, "alice-token", Map.of("Origin", "https://other.example")).statusCode())
				.isEqualTo(200);
		}
	}

	@Test
	void theEndpointAddsChannelDataForPresenceAndASharedSecretForEncryptedChannels() throws Exception {
		try (SocketsTestClient client = TestClients.connect(url(""))) {
			HttpResponse<String> presence = authorize(client.socketId(), "presence-room.7", "alice-token");
			assertThat(presence.statusCode()).isEqualTo(200);
			JsonNode body = JSON.readTree(presence.body());
			String channelData = body.get("channel_data").stringValue();
			assertThat(JSON.readTree(channelData))
				.isEqualTo(JSON.readTree("{\"user_id\":\"alice\",\"user_info\":{\"room\":\"7\"}}"));
			assertThat(body.get("auth").stringValue())
				.isEqualTo(this.channelAuth.sign(client.socketId(), "presence-room.7", channelData));

			HttpResponse<String> encrypted = authorize(client.socketId(), "private-encrypted-team.1", "alice-token");
			assertThat(encrypted.statusCode()).isEqualTo(200);
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update("private-encrypted-team.1".getBytes(StandardCharsets.UTF_8));
			sha256.update("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
			assertThat(JSON.readTree(encrypted.body()).get("shared_secret").stringValue())
				.isEqualTo(Base64.getEncoder().encodeToString(sha256.digest()));
		}
	}

	@Test
	void aSlowAuthorizerAtTheEndpointAnswers503() throws Exception {
		try (SocketsTestClient client = TestClients.connect(url(""))) {
			assertError(authorize(client.socketId(), "private-slow", "alice-token"), 503,
					"Authorization timed out; try again later");
		}
	}

	private static void assertSubscriptionError(JsonNode frame, String channel, int status) {
		assertThat(frame.get("event").stringValue()).isEqualTo("pusher:subscription_error");
		assertThat(frame.get("channel").stringValue()).isEqualTo(channel);
		assertThat(frame.get("data").get("type").stringValue()).isEqualTo("AuthError");
		assertThat(frame.get("data").get("status").intValue()).isEqualTo(status);
	}

	private static void assertError(HttpResponse<String> response, int status, @Nullable String message) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("status").intValue()).isEqualTo(status);
		if (message != null) {
			assertThat(body.get("error").stringValue()).isEqualTo(message);
		}
		else {
			assertThat(body.get("error").stringValue()).isNotBlank();
		}
	}

	private HttpResponse<String> authorize(String socketId, String channel, @Nullable String token) throws Exception {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("socket_id", socketId);
		form.put("channel_name", channel);
		return post(form, token);
	}

	private HttpResponse<String> post(Map<String, String> form, @Nullable String token) throws Exception {
		return post(form, token, Map.of());
	}

	private HttpResponse<String> post(Map<String, String> form, @Nullable String token, Map<String, String> headers)
			throws Exception {
		String body = form.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(endpoint())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("X-Token", token);
		}
		headers.forEach(request::header);
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port + "/sockets/auth");
	}

	private SocketsTestClient connectAs(String user) throws Exception {
		return TestClients.connect(url("?token=" + user + "-token"));
	}

	private String url(String query) {
		return "ws://127.0.0.1:" + this.socketsPort + "/app/app-key" + query;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Authorizers {

		@Bean
		TokenAuthenticator tokenAuthenticator() {
			return new TokenAuthenticator();
		}

		@Bean
		Teams teams() {
			return new Teams();
		}

	}

	static class Teams {

		@AuthorizeChannel({ "private-team.{team}", "private-encrypted-team.{team}" })
		boolean team(@Nullable Principal user, @ChannelVariable int team) {
			return user != null
					&& (user.getName().equals("alice") && team == 1 || user.getName().equals("bob") && team == 2);
		}

		@AuthorizeChannel("presence-room.{room}")
		@Nullable PresenceMember room(@Nullable Principal user, @ChannelVariable String room) {
			return (user != null) ? new PresenceMember(user.getName(), Map.of("room", room)) : null;
		}

		@AuthorizeChannel("announcements")
		boolean announcements(@Nullable Principal user) {
			return user == null || !user.getName().equals("mallory");
		}

		@AuthorizeChannel("private-slow")
		boolean slow() throws InterruptedException {
			Thread.sleep(10_000);
			return true;
		}

		@AuthorizeChannel("private-delayed")
		boolean delayed() throws InterruptedException {
			Thread.sleep(300);
			return true;
		}

	}

}
