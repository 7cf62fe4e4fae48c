package dev.sockets.test.kit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import dev.sockets.broker.Broadcaster;
import dev.sockets.test.autoconfigure.AutoConfigureRecordingBroadcaster;
import dev.sockets.test.autoconfigure.AutoConfigureSocketsTestClient;
import dev.sockets.test.autoconfigure.SocketsTestClients;
import dev.sockets.test.broadcast.RecordedBroadcast;
import dev.sockets.test.broadcast.RecordingBroadcaster;
import dev.sockets.test.client.ReceivedEvent;
import dev.sockets.test.client.SocketsTestClient;
import dev.sockets.test.client.SubscriptionRefusedException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The test kit against a running application, as a user's test drives it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=kit", "sockets.app.key=kit-key", "sockets.app.secret=kit-secret",
				"sockets.client-events.enabled=true" })
@AutoConfigureSocketsTestClient
@AutoConfigureRecordingBroadcaster
class SocketsTestClientsIntegrationTests {

	@Autowired
	SocketsTestClients clients;

	@Autowired
	Broadcaster broadcaster;

	@Autowired
	RecordingBroadcaster recorded;

	@Value("${sockets.transport:servlet}")
	String transport;

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	// the example of docs/testing.md, line for line
	@Test
	void aMemberOfTheTeamReceivesItsMessages() {
		try (SocketsTestClient alice = this.clients.connectAs("alice", "alice-secret")) {
			alice.subscribe("private-team.red");
			this.broadcaster.to("private-team.red").emit("message", Map.of("text", "hi"));
			assertThat(alice.awaitEvent("private-team.red", "message").json().get("text").asString()).isEqualTo("hi");
		}
	}

	@Test
	void anOutsiderIsRefusedByTheApplicationsAuthorizer() {
		try (SocketsTestClient bob = this.clients.connectAs("bob", "bob-secret");
				SocketsTestClient anonymous = this.clients.connect()) {
			assertThatExceptionOfType(SubscriptionRefusedException.class)
				.isThrownBy(() -> bob.subscribe("private-team.red"))
				.satisfies((refused) -> assertThat(refused.status()).isEqualTo(403));
			assertThatExceptionOfType(SubscriptionRefusedException.class)
				.isThrownBy(() -> anonymous.subscribe("private-team.red"))
				.satisfies((refused) -> assertThat(refused.status()).isIn(401, 403));
			bob.subscribe("private-team.blue");
		}
	}

	@Test
	void inlineSubscriptionsAreDecidedAsTheUserOfTheHandshake() {
		try (SocketsTestClient alice = this.clients.connectAs("alice", "alice-secret")) {
			if (this.transport.equals("netty")) {
				// the Netty server does not run the application's HTTP security
				assertThatExceptionOfType(SubscriptionRefusedException.class)
					.isThrownBy(() -> alice.subscribeInline("private-team.red"))
					.satisfies((refused) -> assertThat(refused.status()).isEqualTo(401));
			}
			else {
				alice.subscribeInline("private-team.red");
			}
		}
	}

	@Test
	void aSignatureMadeForAnotherUserServesAnAnonymousConnection() {
		try (SocketsTestClient anonymous = this.clients.builder()
			.authorizationHeader("Authorization", basic("alice", "alice-secret"))
			.connect()) {
			anonymous.subscribe("private-team.red");
			this.broadcaster.to("private-team.red").emit("message", "for the team");
			assertThat(anonymous.awaitAnyEvent("private-team.red", "message", "other").data())
				.isEqualTo("\"for the team\"");
			assertThat(anonymous.receivedEvents()).extracting(ReceivedEvent::event)
				.containsExactly("pusher:connection_established", "pusher_internal:subscription_succeeded", "message");
		}
	}

	@Test
	void presenceMembersAndClientEvents() {
		try (SocketsTestClient alice = this.clients.connectAs("alice", "alice-secret");
				SocketsTestClient carol = this.clients.connectAs("carol", "carol-secret")) {
			alice.subscribe("presence-team.red");
			carol.subscribe("presence-team.red");
			alice.awaitEvent("presence-team.red", "pusher_internal:member_added");
			assertThat(alice.members("presence-team.red")).containsOnlyKeys("alice", "carol");
			assertThat(carol.members("presence-team.red").get("alice").get("team").asString()).isEqualTo("red");

			carol.trigger("presence-team.red", "client-typing", Map.of("typing", true));
			ReceivedEvent typing = alice.awaitEvent("presence-team.red", "client-typing");
			assertThat(typing.userId()).isEqualTo("carol");
			assertThat(typing.json().get("typing").asBoolean()).isTrue();
			carol.assertNoEvent("presence-team.red", "client-typing", Duration.ofMillis(200));

			carol.close();
			alice.awaitEvent("presence-team.red", "pusher_internal:member_removed");
			assertThat(alice.members("presence-team.red")).containsOnlyKeys("alice");
		}
	}

	@Test
	void signingInCarriesTheUser() {
		try (SocketsTestClient alice = this.clients.connectAs("alice", "alice-secret")) {
			assertThat(alice.signIn().get("id").asString()).isEqualTo("alice");
			this.broadcaster.toUser("alice").emit("notice", Map.of("text", "for alice"));
			assertThat(alice.awaitEvent("#server-to-user-alice", "notice").json().get("text").asString())
				.isEqualTo("for alice");
		}
	}

	@Test
	void whatTheApplicationEmitsIsRecordedAndStillDelivered() throws Exception {
		assertThat(this.recorded.broadcasts()).isEmpty();
		try (SocketsTestClient client = this.clients.connect()) {
			client.subscribe("orders");
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(this.clients.applicationServer() + "/orders/7/ship"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(client.awaitEvent("orders", "order.shipped").json().get("id").asString()).isEqualTo("7");
		}
		assertThat(this.recorded.broadcastsTo("orders")).singleElement().satisfies((shipped) -> {
			assertThat(shipped.event()).isEqualTo("order.shipped");
			assertThat(shipped.data(Shipped.class)).isEqualTo(new Shipped("7"));
		});
	}

	// run in either order with the one above: the recordings of one test are gone in the
	// next
	@Test
	void recordingsStartEmptyInEachTest() {
		assertThat(this.recorded.broadcasts()).isEmpty();
		this.broadcaster.to("orders").emit("order.shipped", Map.of("id", "8"));
		assertThat(this.recorded.broadcasts()).extracting(RecordedBroadcast::channel).containsExactly("orders");
	}

	record Shipped(String id) {

	}

}
