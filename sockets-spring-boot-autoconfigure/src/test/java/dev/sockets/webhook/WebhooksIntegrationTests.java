package dev.sockets.webhook;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import dev.sockets.protocol.Signatures;
import dev.sockets.test.SignedInUsers;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.WebhookReceiver;
import dev.sockets.test.client.SocketsTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.sockets.test.TestClients.subscribe;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks against a real HTTP receiver: the exact bytes and their signature, batching, a
 * retry after a 500, the delay that hides a page reload, and a webhook's filters.
 */
@SpringBootTest(classes = { TestApplication.class, SignedInUsers.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=app-secret",
				"sockets.client-events.enabled=true" })
class WebhooksIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final WebhookReceiver receiver = startReceiver();

	@Value(SocketsPort.VALUE)
	private int port;

	@Autowired
	private Webhooks webhooks;

	// all in one property source: a list is bound from one source, never merged
	@DynamicPropertySource
	static void webhooks(DynamicPropertyRegistry registry) {
		registry.add("sockets.webhooks[0].url", () -> receiver.url("/hooks"));
		registry.add("sockets.webhooks[0].batch-window", () -> "200ms");
		registry.add("sockets.webhooks[0].removal-delay", () -> "1s");
		registry.add("sockets.webhooks[1].url", () -> receiver.url("/vip"));
		registry.add("sockets.webhooks[1].events", () -> "member_added");
		registry.add("sockets.webhooks[1].channel-prefix", () -> "presence-vip");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void aChannelsFirstSubscriberAndLastDepartureArriveSignedOverTheExactBytes() throws Exception {
		try (SocketsTestClient client = connect()) {
			subscribeAndAwait(client, "signed");
			JsonNode occupied = receiver.awaitEvents("/hooks", 1, WAIT, on("signed")).get(0);
			assertThat(occupied.toString()).isEqualTo("{\"name\":\"channel_occupied\",\"channel\":\"signed\"}");
			WebhookReceiver.Request request = requestWith("signed");
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.header("Content-Type")).isEqualTo("application/json");
			assertThat(request.header("X-Pusher-Key")).isEqualTo("app-key");
			assertThat(request.header("X-Pusher-Signature"))
				.isEqualTo(new Signatures("app-secret").sign(request.body()));
			assertThat(request.json().get("time_ms").longValue()).isBetween(System.currentTimeMillis() - 60_000,
					System.currentTimeMillis());
			client.send("{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":\"signed\"}}");
			List<JsonNode> events = receiver.awaitEvents("/hooks", 2, WAIT, on("signed"));
			assertThat(events.get(1).get("name").stringValue()).isEqualTo("channel_vacated");
		}
	}

	@Test
	void aReloadWithinTheDelaySendsNeitherVacatedNorOccupiedAgain() throws Exception {
		try (SocketsTestClient first = connect()) {
			subscribeAndAwait(first, "reloaded");
			receiver.awaitEvents("/hooks", 1, WAIT, on("reloaded"));
		}
		// the page reloads: a new connection subscribes again within the delay
		try (SocketsTestClient second = connect()) {
			subscribeAndAwait(second, "reloaded");
			Thread.sleep(2000);
			assertThat(receiver.events("/hooks", on("reloaded"))).extracting((event) -> event.get("name").stringValue())
				.containsExactly("channel_occupied");
		}
	}

	@Test
	void eventsOfOneWindowTravelInOneRequest() throws Exception {
		try (SocketsTestClient client = connect()) {
			for (int i = 0; i < 5; i++) {
				subscribe(client, "batch-" + i);
			}
			receiver.awaitEvents("/hooks", 5, WAIT, (event) -> event.get("channel").stringValue().startsWith("batch-"));
			assertThat(receiver.requests()
				.stream()
				.filter((request) -> request.path().equals("/hooks"))
				.mapToInt((request) -> request.json().get("events").size())
				.max()
				.getAsInt()).isGreaterThan(1);
		}
	}

	@Test
	void aRequestAnsweredWith500IsSentAgainByteForByte() throws Exception {
		receiver.answerOnce("\"retried\"", 500);
		try (SocketsTestClient client = connect()) {
			subscribeAndAwait(client, "retried");
			receiver.awaitEvents("/hooks", 2, WAIT, on("retried"));
			List<WebhookReceiver.Request> carrying = receiver.requests()
				.stream()
				.filter((request) -> request.path().equals("/hooks") && request.toString().contains("\"retried\""))
				.toList();
			assertThat(carrying).hasSize(2);
			assertThat(Arrays.equals(carrying.get(0).body(), carrying.get(1).body())).isTrue();
			assertThat(carrying.get(1).header("X-Pusher-Signature"))
				.isEqualTo(carrying.get(0).header("X-Pusher-Signature"));
			assertThat(this.webhooks.status().get(0).failedAttempts()).isPositive();
		}
	}

	@Test
	void aWebhookGetsOnlyTheEventsAndChannelsItAsksFor() throws Exception {
		try (SocketsTestClient alice = TestClients
			.connect("ws://127.0.0.1:" + this.port + "/app/app-key?token=alice-token")) {
			subscribeAndAwait(alice, "presence-vip.lounge");
			subscribeAndAwait(alice, "presence-crowd");
			JsonNode added = receiver.awaitEvents("/vip", 1, WAIT, on("presence-vip.lounge")).get(0);
			assertThat(added.toString())
				.isEqualTo("{\"name\":\"member_added\",\"channel\":\"presence-vip.lounge\",\"user_id\":\"alice\"}");
			// all of them on the other webhook
			receiver.awaitEvents("/hooks", 2, WAIT, on("presence-vip.lounge"));
			receiver.awaitEvents("/hooks", 2, WAIT, on("presence-crowd"));
			assertThat(receiver.events("/vip", (event) -> true)).hasSize(1);
		}
	}

	@Test
	void clientEventsAndCacheMissesAreSentWithTheirFields() throws Exception {
		try (SocketsTestClient alice = connectAs("alice"); SocketsTestClient bob = connectAs("bob")) {
			subscribeAndAwait(alice, "private-talk");
			subscribeAndAwait(bob, "private-talk");
			alice.send("{\"event\":\"client-typing\",\"channel\":\"private-talk\",\"data\":{\"x\":1}}");
			assertThat(bob.nextMessage().get("event").stringValue()).isEqualTo("client-typing");
			JsonNode relayed = receiver
				.awaitEvents("/hooks", 1, WAIT, (event) -> event.get("name").stringValue().equals("client_event"))
				.get(0);
			assertThat(relayed.toString()).isEqualTo("{\"name\":\"client_event\",\"channel\":\"private-talk\","
					+ "\"event\":\"client-typing\",\"data\":\"{\\\"x\\\":1}\",\"socket_id\":\"" + alice.socketId()
					+ "\"}");
			subscribeAndAwait(alice, "cache-nothing");
			JsonNode missed = receiver.awaitEvents("/hooks", 2, WAIT, on("cache-nothing")).get(1);
			assertThat(missed.toString()).isEqualTo("{\"name\":\"cache_miss\",\"channel\":\"cache-nothing\"}");
		}
	}

	private SocketsTestClient connectAs(String user) throws Exception {
		return TestClients.connect("ws://127.0.0.1:" + this.port + "/app/app-key?token=" + user + "-token");
	}

	private static Predicate<JsonNode> on(String channel) {
		return (event) -> event.get("channel").stringValue().equals(channel);
	}

	private static WebhookReceiver.Request requestWith(String channel) {
		return receiver.requests()
			.stream()
			.filter((request) -> request.toString().contains("\"channel\":\"" + channel + "\""))
			.findFirst()
			.orElseThrow();
	}

	private SocketsTestClient connect() throws Exception {
		return TestClients.connect("ws://127.0.0.1:" + this.port + "/app/app-key");
	}

	private static WebhookReceiver startReceiver() {
		try {
			return WebhookReceiver.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
