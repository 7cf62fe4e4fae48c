package dev.sockets.server;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import dev.sockets.protocol.ChannelAuth;
import dev.sockets.protocol.Signatures;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ApplicationContext;

import static dev.sockets.test.TestClients.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application: the sockets on the Netty port, the authorization endpoints on
 * the application's own reactive server, with the same answers as on a servlet one.
 */
@SpringBootTest(classes = { TestApplication.class, AuthorizationIntegrationTests.Authorizers.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "sockets.transport=netty", "sockets.netty.port=0",
				"sockets.app.id=1234", "sockets.app.key=app-key", "sockets.app.secret=app-secret" })
class ReactiveAuthEndpointIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final ChannelAuth channelAuth = new ChannelAuth("app-key", new Signatures("app-secret"));

	@LocalServerPort
	private int port;

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Test
	void runsOnAReactiveServerWithTheSocketsOnNetty(@Autowired ApplicationContext context) {
		assertThat(context).isInstanceOf(ReactiveWebServerApplicationContext.class);
		assertThat(this.socketsPort).isNotEqualTo(this.port);
	}

	@Test
	void aFormRequestIsSignedAndTheSubscriptionSucceedsOnNetty() throws Exception {
		try (SocketsTestClient alice = TestClients.connect(url())) {
			HttpResponse<String> response = post("/sockets/auth",
					form(Map.of("socket_id", alice.socketId(), "channel_name", "private-team.1")), FORM, "alice-token");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			String auth = JSON.readTree(response.body()).get("auth").stringValue();
			assertThat(auth).isEqualTo(this.channelAuth.sign(alice.socketId(), "private-team.1", null));
			send(alice, Map.of("event", "pusher:subscribe", "data", Map.of("auth", auth, "channel", "private-team.1")));
			assertThat(alice.nextMessage().get("event").stringValue())
				.isEqualTo("pusher_internal:subscription_succeeded");
		}
	}

	@Test
	void theQuerysParametersCountAsOnAServletServer() throws Exception {
		try (SocketsTestClient alice = TestClients.connect(url())) {
			HttpResponse<String> response = post(
					"/sockets/auth?" + form(Map.of("socket_id", alice.socketId(), "channel_name", "private-team.1")),
					"", FORM, "alice-token");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(response.body()).get("auth").stringValue())
				.isEqualTo(this.channelAuth.sign(alice.socketId(), "private-team.1", null));
		}
	}

	@Test
	void aJsonRequestIsSignedToo() throws Exception {
		try (SocketsTestClient alice = TestClients.connect(url())) {
			String body = JSON
				.writeValueAsString(Map.of("socket_id", alice.socketId(), "channel_name", "presence-room.hall"));
			HttpResponse<String> response = post("/sockets/auth", body, "application/json", "alice-token");
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode answer = JSON.readTree(response.body());
			assertThat(JSON.readTree(answer.get("channel_data").stringValue()).get("user_id").stringValue())
				.isEqualTo("alice");
		}
	}

	@Test
	void refusalsAreJsonErrorsWithTheirStatus() throws Exception {
		try (SocketsTestClient anonymous = TestClients.connect(url())) {
			String request = form(Map.of("socket_id", anonymous.socketId(), "channel_name", "private-team.1"));
			assertError(post("/sockets/auth", request, FORM, null), 401);
			assertError(post("/sockets/auth", request, FORM, "bob-token"), 403);
			assertError(post("/sockets/auth", request, FORM, "forged"), 401);
			assertError(post("/sockets/auth", form(Map.of("socket_id", "nonsense", "channel_name", "private-team.1")),
					FORM, null), 400);
			assertError(post("/sockets/auth", "{\"socket_id\":\"" + "x".repeat(9000) + "\"}", "application/json", null),
					413);
			assertError(post("/sockets/auth", "[1,2]", "application/json", null), 400);
		}
	}

	@Test
	void signInSignsTheCallersUserData() throws Exception {
		try (SocketsTestClient client = TestClients.connect(url())) {
			HttpResponse<String> response = post("/sockets/user-auth", form(Map.of("socket_id", client.socketId())),
					FORM, "alice-token");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(response.body()).get("user_data").stringValue()).isEqualTo("{\"id\":\"alice\"}");
			assertError(post("/sockets/user-auth", form(Map.of("socket_id", client.socketId())), FORM, null), 401);
		}
	}

	private static final String FORM = "application/x-www-form-urlencoded";

	private static void assertError(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("status").intValue()).isEqualTo(status);
		assertThat(body.get("error").stringValue()).isNotBlank();
	}

	private HttpResponse<String> post(String path, String body, String contentType, @Nullable String token)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("X-Token", token);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private String url() {
		return "ws://127.0.0.1:" + this.socketsPort + "/app/app-key?protocol=7";
	}

}
