package dev.sockets.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.sockets.test.Cluster;
import dev.sockets.test.ClusterNode;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.WebhookReceiver;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static dev.sockets.test.TestClients.subscribe;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks of a cluster on a real {@code redis-server}: each event once for the cluster,
 * and a reload that lands on another node within the delay sends nothing.
 */
class WebhookClusterIntegrationTests {

	@RegisterExtension
	static final Cluster cluster = new Cluster();

	private static final WebhookReceiver receiver = start();

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void subscribersOnTwoNodesMakeOneOccupiedAndOneVacated() throws Exception {
		ClusterNode a = node();
		ClusterNode b = node(SocketsPort.NETTY, SocketsPort.FREE_NETTY_PORT);
		try (SocketsTestClient onA = a.connect(); SocketsTestClient onB = b.connect()) {
			subscribeAndAwait(onA, "shared");
			subscribeAndAwait(onB, "shared");
		}
		receiver.awaitEvents("/hooks", 2, Duration.ofSeconds(10), (event) -> on(event, "shared"));
		Thread.sleep(5000);
		assertThat(receiver.events("/hooks", (event) -> on(event, "shared")))
			.extracting((event) -> event.get("name").stringValue())
			.containsExactly("channel_occupied", "channel_vacated");
	}

	@Test
	void aReloadOntoAnotherNodeWithinTheDelaySendsNoVacated() throws Exception {
		ClusterNode a = node();
		ClusterNode b = node();
		try (SocketsTestClient first = a.connect()) {
			subscribeAndAwait(first, "moved");
			receiver.awaitEvents("/hooks", 1, Duration.ofSeconds(10), (event) -> on(event, "moved"));
		}
		// the page reloads through the balancer onto node B
		try (SocketsTestClient second = b.connect()) {
			subscribeAndAwait(second, "moved");
			Thread.sleep(4000);
		}
		// node B's occupied may go out (nothing on B waited to cancel it); what must not
		// is
		// the vacated node A delayed, now untrue
		assertThat(receiver.events("/hooks", (event) -> on(event, "moved")))
			.extracting((event) -> event.get("name").stringValue())
			.doesNotContain("channel_vacated")
			.startsWith("channel_occupied");
	}

	@Test
	void whatAKilledNodeLeftIsSentByTheNodeThatSweepsIt() throws Exception {
		ClusterNode survivor = node();
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> survivor.status().up());
		try (NodeProcess doomed = NodeProcess.start(List.of("sockets.app.id=app-hooks", "sockets.app.key=app-key",
				"sockets.app.secret=app-secret", "sockets.broker=redis", "sockets.redis.canary-interval=200ms",
				"sockets.redis.node-timeout=3s", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + cluster.redis().port(), "spring.main.banner-mode=off"));
				SocketsTestClient bob = survivor.connectAs("bob")) {
			subscribeAndAwait(bob, "presence-crash");
			SocketsTestClient dave = TestClients
				.connect("ws://127.0.0.1:" + doomed.port() + "/app/app-key?token=dave-token");
			// the new node answers presence once it hears its own canary
			Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
				subscribe(dave, "presence-crash");
				return dave.nextMessage().get("event").stringValue().equals("pusher_internal:subscription_succeeded");
			});
			subscribeAndAwait(dave, "crash-only");
			doomed.kill();
			dave.close();
			List<JsonNode> removed = receiver.awaitEvents("/hooks", 1, Duration.ofSeconds(30),
					(event) -> on(event, "presence-crash") && event.get("name").stringValue().equals("member_removed"));
			assertThat(removed.get(0).get("user_id").stringValue()).isEqualTo("dave");
			receiver.awaitEvents("/hooks", 1, Duration.ofSeconds(30),
					(event) -> on(event, "crash-only") && event.get("name").stringValue().equals("channel_vacated"));
		}
	}

	@Test
	void aRequestStillFailingWhenItsNodeStopsIsSentByAnother() throws Exception {
		receiver.failAll("\"durable\"", 503);
		ClusterNode first = node();
		try (SocketsTestClient client = first.connect()) {
			subscribeAndAwait(client, "durable");
			// failed, and retried once: kept in Redis since the first failure
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> carrying("durable").size() >= 2);
		}
		// a deploy: the node stops with its request still failing, and the endpoint
		// recovers
		first.context().close();
		receiver.stopFailing();
		node();
		// delivered now, by the other node: the first one stopped before the endpoint
		// answered anything but 503
		WebhookReceiver.Request delivered = Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> carrying("durable").stream().filter((request) -> request.status() == 200).findFirst(),
					Optional::isPresent)
			.get();
		WebhookReceiver.Request failed = carrying("durable").get(0);
		assertThat(failed.status()).isEqualTo(503);
		// the same request, byte for byte
		assertThat(delivered.body()).isEqualTo(failed.body());
		assertThat(delivered.header("X-Pusher-Signature")).isEqualTo(failed.header("X-Pusher-Signature"));
		// and once: delivered, it is forgotten
		Thread.sleep(4000);
		assertThat(carrying("durable").stream().filter((request) -> request.status() == 200)).hasSize(1);
	}

	private static List<WebhookReceiver.Request> carrying(String channel) {
		return receiver.requests()
			.stream()
			.filter((request) -> request.toString().contains("\"channel\":\"" + channel + "\""))
			.toList();
	}

	private static boolean on(JsonNode event, String channel) {
		return event.get("channel").stringValue().equals(channel);
	}

	private static ClusterNode node(String... extra) {
		String[] properties = new String[extra.length + 2];
		properties[0] = "sockets.webhooks[0].url=" + receiver.url("/hooks");
		properties[1] = "sockets.webhooks[0].removal-delay=1500ms";
		System.arraycopy(extra, 0, properties, 2, extra.length);
		return cluster.start("app-hooks", properties);
	}

	private static WebhookReceiver start() {
		try {
			return WebhookReceiver.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
