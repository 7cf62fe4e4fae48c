package dev.sockets.sample.teams;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sockets.autoconfigure.SocketsProperties;
import dev.sockets.sample.TestUsers;
import dev.sockets.test.autoconfigure.AutoConfigureSocketsTestClient;
import dev.sockets.test.autoconfigure.SocketsTestClients;
import dev.sockets.test.client.ReceivedEvent;
import dev.sockets.test.client.SocketsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactions sent as client event {@code client-reaction} on a team's private channel,
 * handled by {@link TeamReactions}: the test kit's clients of alice and bob, signed in
 * with HTTP Basic on the handshake and subscribed through the authorization endpoint,
 * against the running app.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSocketsTestClient
class TeamReactionsIntegrationTests {

	private static final String RED = "private-team.red";

	private static final Duration WAIT = Duration.ofSeconds(5);

	@Autowired
	private SocketsTestClients clients;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private SocketsProperties sockets;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

	private final List<SocketsTestClient> connections = new ArrayList<>();

	@AfterEach
	void closeConnections() {
		this.connections.forEach(SocketsTestClient::close);
	}

	@Test
	void aReactionReachesTheOtherMembersAndIsConfirmedToTheSenderAlone() {
		SocketsTestClient alice = member("alice");
		SocketsTestClient bob = member("bob");

		alice.trigger(RED, "client-reaction", Map.of("reaction", "party"));

		JsonNode reply = alice.awaitEvent(RED, "client-reaction-reply").json();
		assertThat(reply.path("team").asString()).isEqualTo("red");
		assertThat(reply.path("author").asString()).isEqualTo("alice");
		assertThat(reply.path("reaction").asString()).isEqualTo("party");
		assertThat(bob.awaitEvent(RED, TeamReactions.EVENT).json()).isEqualTo(reply);
		// the sender's own reaction skipped her: the next she gets is bob's
		bob.trigger(RED, "client-reaction", Map.of("reaction", "heart"));
		assertThat(alice.awaitEvent(RED, TeamReactions.EVENT).json().path("author").asString()).isEqualTo("bob");
	}

	@Test
	void anInvalidReactionIsAnsweredWithAnErrorNamingTheFieldAndReachesNoOne() {
		SocketsTestClient alice = member("alice");
		SocketsTestClient bob = member("bob");

		alice.trigger(RED, "client-reaction", Map.of("reaction", "shrug"));
		JsonNode unknown = alice.awaitEvent(RED, "client-reaction-error").json();
		alice.trigger(RED, "client-reaction", Map.of());
		JsonNode missing = alice.awaitEvent(RED, "client-reaction-error").json();

		assertThat(unknown.path("errors").path("reaction").asString())
			.isEqualTo("must be one of like, party, heart, laugh");
		assertThat(missing.path("errors").path("reaction").asString()).isEqualTo("must not be null");
		// both errors came back before the marker was sent, and a leaked reaction would
		// have been broadcast before its answer: the marker comes first if nothing leaked
		alice.trigger(RED, "client-reaction", Map.of("reaction", "like"));
		assertThat(bob.awaitEvent(RED, TeamReactions.EVENT).json().path("reaction").asString()).isEqualTo("like");
		assertThat(alice.awaitEvent(RED, "client-reaction-reply").json().path("reaction").asString()).isEqualTo("like");
	}

	@Test
	void anAnonymousConnectionThatAMemberSignedForMayNotReact() throws Exception {
		SocketsTestClient bob = member("bob");
		// alice asks the authorization endpoint to sign the channel for a connection that
		// opened without credentials: it is subscribed, but as no one
		SocketsTestClient anonymous = track(this.clients.connect());
		JsonNode signature = authorizeAsAlice(anonymous.socketId(), RED);
		anonymous.send(this.jsonMapper.writeValueAsString(Map.of("event", "pusher:subscribe", "data",
				Map.of("channel", RED, "auth", signature.path("auth").asString()))));
		anonymous.awaitEvent(RED, "pusher_internal:subscription_succeeded");

		anonymous.trigger(RED, "client-reaction", Map.of("reaction", "party"));

		ReceivedEvent error = anonymous.awaitEvent(RED, "client-reaction-error");
		assertThat(error.json().path("error").asString()).isEqualTo("The server could not handle client-reaction");
		// a leaked reaction would have been broadcast before the error: the marker comes
		// first if nothing leaked
		SocketsTestClient alice = member("alice");
		alice.trigger(RED, "client-reaction", Map.of("reaction", "like"));
		assertThat(bob.awaitEvent(RED, TeamReactions.EVENT).json().path("author").asString()).isEqualTo("alice");
	}

	private SocketsTestClient member(String user) {
		SocketsTestClient client = track(this.clients.connectAs(user, TestUsers.password(user)));
		client.subscribe(RED);
		return client;
	}

	private SocketsTestClient track(SocketsTestClient client) {
		this.connections.add(client);
		return client;
	}

	// what pusher-js posts to the authorization endpoint, with alice's credentials
	private JsonNode authorizeAsAlice(String socketId, String channel) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(this.clients.applicationServer().resolve(this.sockets.getAuthorization().getEndpointPath()))
			.timeout(WAIT)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("socket_id=" + URLEncoder.encode(socketId, StandardCharsets.UTF_8)
					+ "&channel_name=" + URLEncoder.encode(channel, StandardCharsets.UTF_8)));
		TestUsers.basic("alice").forEach(request::header);
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.jsonMapper.readTree(response.body());
	}

}
