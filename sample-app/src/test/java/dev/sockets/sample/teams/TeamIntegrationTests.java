package dev.sockets.sample.teams;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.sockets.sample.TestCsrf;
import dev.sockets.sample.TestUsers;
import dev.sockets.test.autoconfigure.AutoConfigureSocketsTestClient;
import dev.sockets.test.autoconfigure.SocketsTestClients;
import dev.sockets.test.client.HandshakeRefusedException;
import dev.sockets.test.client.SocketsTestClient;
import dev.sockets.test.client.SubscriptionRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.sockets.sample.InlineSubscriptions.subscribeInline;
import static dev.sockets.sample.InlineSubscriptions.subscribeInlineExpectingError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Team channels against the running app, with the test kit's clients: connections that
 * sign in on the handshake (HTTP Basic, or the session of the login form) and subscribe
 * inline, without an {@code auth} signature, so the app's {@link TeamChannelAuthorizer}
 * decides as the user of the handshake, or through the authorization endpoint as
 * pusher-js does; and {@code POST /teams/{team}/messages}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSocketsTestClient
class TeamIntegrationTests {

	private static final String RED = "private-team.red";

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

	@Autowired
	private SocketsTestClients clients;

	@Autowired
	private JsonMapper jsonMapper;

	private final List<SocketsTestClient> connections = new ArrayList<>();

	@AfterEach
	void closeConnections() {
		this.connections.forEach(SocketsTestClient::close);
	}

	@Test
	void membersSubscribeInlineAsTheUserOfTheHandshakeAndReceiveTeamMessages() throws Exception {
		SocketsTestClient alice = connectAs("alice");
		subscribeInline(alice, RED);
		String text = unique("for team red");

		HttpResponse<String> response = post("red", text, TestUsers.basic("bob"));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = this.jsonMapper.readTree(response.body());
		assertThat(body.path("team").asString()).isEqualTo("red");
		assertThat(body.path("author").asString()).isEqualTo("bob");
		assertThat(body.path("text").asString()).isEqualTo(text);
		assertThat(Instant.parse(body.path("sentAt").asString())).isBetween(Instant.now().minusSeconds(60),
				Instant.now());
		assertThat(alice.awaitEvent(RED, TeamController.EVENT).json()).isEqualTo(body);
	}

	@Test
	void membersSubscribeThroughTheAuthorizationEndpointAsPusherJsDoes() throws Exception {
		SocketsTestClient alice = connectAs("alice");
		alice.subscribe(RED);
		String text = unique("signed by the endpoint");

		HttpResponse<String> response = post("red", text, TestUsers.basic("bob"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(alice.awaitEvent(RED, TeamController.EVENT).json())
			.isEqualTo(this.jsonMapper.readTree(response.body()));
	}

	@Test
	void theSessionOfTheLoginFormAuthenticatesTheHandshakeAsABrowserWould() throws Exception {
		SocketsTestClient alice = track(
				this.clients.builder().header("Cookie", signInWithTheForm("alice", "alice-secret")).connect());
		subscribeInline(alice, RED);
		String text = unique("to a browser session");

		assertThat(post("red", text, TestUsers.basic("bob")).statusCode()).isEqualTo(200);
		assertThat(alice.awaitEvent(RED, TeamController.EVENT).json().path("text").asString()).isEqualTo(text);
	}

	@Test
	void aMemberOfAnotherTeamIsRefusedWith403() {
		SocketsTestClient carol = connectAs("carol");

		JsonNode error = subscribeInlineExpectingError(carol, RED);

		assertThat(error.path("type").asString()).isEqualTo("AuthError");
		assertThat(error.path("status").asInt()).isEqualTo(403);
		subscribeInline(carol, "private-team.blue");
	}

	@Test
	void anAnonymousConnectionIsRefusedWith401() {
		SocketsTestClient anonymous = track(this.clients.connect());

		JsonNode error = subscribeInlineExpectingError(anonymous, RED);

		assertThat(error.path("status").asInt()).isEqualTo(401);
	}

	@Test
	void theAuthorizationEndpointRefusesAnotherTeamWith403AndAnonymousUsersWith401() {
		SocketsTestClient carol = connectAs("carol");
		SocketsTestClient anonymous = track(this.clients.connect());

		assertThatExceptionOfType(SubscriptionRefusedException.class).isThrownBy(() -> carol.subscribe(RED))
			.satisfies((refused) -> assertThat(refused.status()).isEqualTo(403));
		assertThatExceptionOfType(SubscriptionRefusedException.class).isThrownBy(() -> anonymous.subscribe(RED))
			.satisfies((refused) -> assertThat(refused.status()).isEqualTo(401));
		carol.subscribe("private-team.blue");
	}

	@Test
	void aHandshakeWithAWrongPasswordIsRefusedWith401RatherThanMadeAnonymous() {
		assertThatExceptionOfType(HandshakeRefusedException.class)
			.isThrownBy(() -> track(this.clients.connectAs("alice", "not-her-password")))
			.satisfies((refused) -> assertThat(refused.status()).isEqualTo(401));
	}

	@Test
	void postingNeedsASignedInMemberOfTheTeam() throws Exception {
		SocketsTestClient alice = connectAs("alice");
		alice.subscribe(RED);
		String text = unique("not delivered");

		HttpResponse<String> anonymous = post("red", text, Map.of());
		HttpResponse<String> stranger = post("red", text, TestUsers.basic("carol"));
		HttpResponse<String> wrongPassword = post("red", text, TestUsers.basic("bob", "not-his-password"));

		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
		assertThat(stranger.statusCode()).isEqualTo(403);
		JsonNode problem = this.jsonMapper.readTree(stranger.body());
		assertThat(problem.path("title").asString()).isEqualTo("Not a member of the team");
		assertThat(problem.path("detail").asString()).isEqualTo("carol is not a member of team red");
		// messages on one channel arrive in order: the marker comes first if nothing
		// leaked
		String marker = unique("marker");
		assertThat(post("red", marker, TestUsers.basic("bob")).statusCode()).isEqualTo(200);
		assertThat(alice.awaitEvent(RED, TeamController.EVENT).json().path("text").asString()).isEqualTo(marker);
	}

	// signed in with HTTP Basic on the handshake and on the authorization endpoint
	private SocketsTestClient connectAs(String user) {
		return track(this.clients.connectAs(user, TestUsers.password(user)));
	}

	private SocketsTestClient track(SocketsTestClient client) {
		this.connections.add(client);
		return client;
	}

	private HttpResponse<String> post(String team, String text, Map<String, String> credentials) throws Exception {
		Map<String, String> headers = new HashMap<>(TestCsrf.headers(this.http, this.clients.applicationServer()));
		headers.putAll(credentials);
		HttpRequest.Builder request = HttpRequest
			.newBuilder(this.clients.applicationServer().resolve("/teams/" + team + "/messages"))
			.timeout(WAIT)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.jsonMapper.writeValueAsString(Map.of("text", text))));
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	// the session cookie a browser keeps after POST /login
	private String signInWithTheForm(String user, String password) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.clients.applicationServer().resolve("/login"))
			.timeout(WAIT)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password));
		TestCsrf.headers(this.http, this.clients.applicationServer()).forEach(request::header);
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

	private static String unique(String text) {
		return text + " " + UUID.randomUUID();
	}

}
