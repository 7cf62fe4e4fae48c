package dev.sockets.sample.teams;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

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
 * Reactions sent as client event {@code client-reaction} on a team's private channel,
 * handled by {@link TeamReactions}: JDK WebSocket connections of alice and bob, signed in
 * with HTTP Basic on the handshake, against the running app.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TeamReactionsIntegrationTests {

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
	void aReactionReachesTheOtherMembersAndIsConfirmedToTheSenderAlone() throws Exception {
		TestPusherConnection alice = member("alice");
		TestPusherConnection bob = member("bob");

		alice.trigger(RED, "client-reaction", "{\"reaction\":\"party\"}");

		JsonNode reply = alice.nextEvent("client-reaction-reply", RED);
		assertThat(reply.path("team").asString()).isEqualTo("red");
		assertThat(reply.path("author").asString()).isEqualTo("alice");
		assertThat(reply.path("reaction").asString()).isEqualTo("party");
		assertThat(bob.nextEvent(TeamReactions.EVENT, RED)).isEqualTo(reply);
		// the sender's own reaction skipped her: the next she gets is bob's
		bob.trigger(RED, "client-reaction", "{\"reaction\":\"heart\"}");
		assertThat(alice.nextEvent(TeamReactions.EVENT, RED).path("author").asString()).isEqualTo("bob");
	}

	@Test
	void anInvalidReactionIsAnsweredWithAnErrorNamingTheFieldAndReachesNoOne() throws Exception {
		TestPusherConnection alice = member("alice");
		TestPusherConnection bob = member("bob");

		alice.trigger(RED, "client-reaction", "{\"reaction\":\"shrug\"}");
		JsonNode unknown = alice.nextEvent("client-reaction-error", RED);
		alice.trigger(RED, "client-reaction", "{}");
		JsonNode missing = alice.nextEvent("client-reaction-error", RED);

		assertThat(unknown.path("errors").path("reaction").asString())
			.isEqualTo("must be one of like, party, heart, laugh");
		assertThat(missing.path("errors").path("reaction").asString()).isEqualTo("must not be null");
		// both errors came back before the marker was sent, and a leaked reaction would
		// have been broadcast before its answer: the marker comes first if nothing leaked
		alice.trigger(RED, "client-reaction", "{\"reaction\":\"like\"}");
		assertThat(bob.nextEvent(TeamReactions.EVENT, RED).path("reaction").asString()).isEqualTo("like");
		assertThat(alice.nextEvent("client-reaction-reply", RED).path("reaction").asString()).isEqualTo("like");
	}

	private TestPusherConnection member(String user) throws Exception {
		TestPusherConnection connection = TestPusherConnection.open(this.http, this.port, this.appKey,
				TestUsers.basic(user), this.jsonMapper);
		this.connections.add(connection);
		connection.subscribe(RED);
		return connection;
	}

}
