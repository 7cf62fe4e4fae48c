package dev.sockets.sample.teams;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Team channels against the running app: WebSocket connections that sign in on the
 * handshake (HTTP Basic, or the session of the login form) and subscribe inline, without
 * an {@code auth} signature, so the app's {@link TeamChannelAuthorizer} decides as the
 * user of the handshake; and {@code POST /teams/{team}/messages}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TeamIntegrationTests {

	private static final String RED = "private-team.red";

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
	void membersSubscribeInlineAsTheUserOfTheHandshakeAndReceiveTeamMessages() throws Exception {
		TestPusherConnection alice = connect(basic("alice", "alice-secret"));
		alice.subscribe(RED);
		String text = unique("for team red");

		HttpResponse<String> response = post("red", text, basic("bob", "bob-secret"));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = this.jsonMapper.readTree(response.body());
		assertThat(body.path("team").asString()).isEqualTo("red");
		assertThat(body.path("author").asString()).isEqualTo("bob");
		assertThat(body.path("text").asString()).isEqualTo(text);
		assertThat(Instant.parse(body.path("sentAt").asString())).isBetween(Instant.now().minusSeconds(60),
				Instant.now());
		assertThat(alice.nextEvent(TeamController.EVENT, RED)).isEqualTo(body);
	}

	@Test
	void theSessionOfTheLoginFormAuthenticatesTheHandshakeAsABrowserWould() throws Exception {
		TestPusherConnection alice = connect(Map.of("Cookie", signInWithTheForm("alice", "alice-secret")));
		alice.subscribe(RED);
		String text = unique("to a browser session");

		assertThat(post("red", text, basic("bob", "bob-secret")).statusCode()).isEqualTo(200);
		assertThat(alice.nextEvent(TeamController.EVENT, RED).path("text").asString()).isEqualTo(text);
	}

	@Test
	void aMemberOfAnotherTeamIsRefusedWith403() throws Exception {
		TestPusherConnection carol = connect(basic("carol", "carol-secret"));

		JsonNode error = carol.subscribeExpectingError(RED);

		assertThat(error.path("type").asString()).isEqualTo("AuthError");
		assertThat(error.path("status").asInt()).isEqualTo(403);
		carol.subscribe("private-team.blue");
	}

	@Test
	void anAnonymousConnectionIsRefusedWith401() throws Exception {
		TestPusherConnection anonymous = connect(Map.of());

		JsonNode error = anonymous.subscribeExpectingError(RED);

		assertThat(error.path("status").asInt()).isEqualTo(401);
	}

	@Test
	void aHandshakeWithAWrongPasswordIsRefusedWith401RatherThanMadeAnonymous() {
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> connect(basic("alice", "not-her-password")))
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(refused) -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
	}

	@Test
	void postingNeedsASignedInMemberOfTheTeam() throws Exception {
		TestPusherConnection alice = connect(basic("alice", "alice-secret"));
		alice.subscribe(RED);
		String text = unique("not delivered");

		HttpResponse<String> anonymous = post("red", text, Map.of());
		HttpResponse<String> stranger = post("red", text, basic("carol", "carol-secret"));
		HttpResponse<String> wrongPassword = post("red", text, basic("bob", "not-his-password"));

		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
		assertThat(stranger.statusCode()).isEqualTo(403);
		JsonNode problem = this.jsonMapper.readTree(stranger.body());
		assertThat(problem.path("title").asString()).isEqualTo("Not a member of the team");
		assertThat(problem.path("detail").asString()).isEqualTo("carol is not a member of team red");
		// messages on one channel arrive in order: the marker comes first if nothing
		// leaked
		String marker = unique("marker");
		assertThat(post("red", marker, basic("bob", "bob-secret")).statusCode()).isEqualTo(200);
		assertThat(alice.nextEvent(TeamController.EVENT, RED).path("text").asString()).isEqualTo(marker);
	}

	private TestPusherConnection connect(Map<String, String> headers) throws Exception {
		TestPusherConnection connection = TestPusherConnection.open(this.http, this.port, this.appKey, headers,
				this.jsonMapper);
		this.connections.add(connection);
		return connection;
	}

	private HttpResponse<String> post(String team, String text, Map<String, String> credentials) throws Exception {
		Map<String, String> headers = new HashMap<>(TestCsrf.headers(this.http, this.port));
		headers.putAll(credentials);
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/teams/" + team + "/messages"))
			.timeout(TestPusherConnection.WAIT)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.jsonMapper.writeValueAsString(Map.of("text", text))));
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	// the session cookie a browser keeps after POST /login
	private String signInWithTheForm(String user, String password) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/login"))
			.timeout(TestPusherConnection.WAIT)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password));
		TestCsrf.headers(this.http, this.port).forEach(request::header);
		HttpResponse<Void> response = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("JSESSIONID="))
			.map((cookie) -> cookie.split(";", 2)[0])
			.findFirst()
			.orElseThrow(() -> new AssertionError("POST /login set no session cookie: " + response.headers()));
	}

	private static Map<String, String> basic(String user, String password) {
		String credentials = user + ":" + password;
		return Map.of("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
	}

	private static String unique(String text) {
		return text + " " + UUID.randomUUID();
	}

}
