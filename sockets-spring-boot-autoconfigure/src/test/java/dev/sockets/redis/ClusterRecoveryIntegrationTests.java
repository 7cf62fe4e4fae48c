package dev.sockets.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.sockets.test.Cluster;
import dev.sockets.test.ClusterNode;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.sockets.test.TestClients.send;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Missed-message recovery across two nodes on a real {@code redis-server}: a subscriber
 * that leaves one node and comes back to the other with its position gets what was
 * published meanwhile on either node, in order, then the live events; a Redis restarted
 * empty loses the history, and the subscriber is told.
 */
class ClusterRecoveryIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String[] HISTORY = { "sockets.namespaces[0].pattern=feed.*",
			"sockets.namespaces[0].history.size=500" };

	@RegisterExtension
	static final Cluster cluster = new Cluster();

	@Test
	void aSubscriberBackOnTheOtherNodeGetsWhatBothPublishedMeanwhileThenLiveEvents() throws Exception {
		ClusterNode a = cluster.start("app-1", HISTORY);
		ClusterNode b = cluster.start("app-1", HISTORY);
		JsonNode last;
		try (SocketsTestClient before = a.connect()) {
			subscribeAndAwait(before, "feed.orders");
			publish(a, "feed.orders", 0, 5);
			last = awaitEvents(before, 5).get(4).get("position");
		}
		// while it is away: 100 events, published alternately on each node
		for (int i = 5; i < 105; i++) {
			publish((i % 2 == 0) ? a : b, "feed.orders", i, 1);
		}
		try (SocketsTestClient after = b.connect()) {
			subscribeWithPosition(after, "feed.orders", last);
			assertThat(after.nextMessage().get("event").stringValue())
				.isEqualTo("pusher_internal:subscription_succeeded");
			List<JsonNode> replayed = awaitEvents(after, 100);
			for (int i = 0; i < 100; i++) {
				assertThat(numberOf(replayed.get(i))).isEqualTo(5 + i);
			}
			publish(a, "feed.orders", 105, 1);
			assertThat(numberOf(after.nextMessage())).isEqualTo(105);
			TestClients.assertNothingWithin(after, Duration.ofMillis(300));
		}
	}

	@Test
	void broadcastsOnBothNodesDuringTheReplayFollowItWithoutGapOrDuplicate() throws Exception {
		ClusterNode a = cluster.start("app-1", HISTORY);
		ClusterNode b = cluster.start("app-1", HISTORY);
		JsonNode start;
		try (SocketsTestClient before = a.connect()) {
			start = subscribeAndAwait(before, "feed.busy").get("position");
		}
		publish(a, "feed.busy", 0, 100);
		ExecutorService publisher = Executors.newSingleThreadExecutor();
		try (SocketsTestClient after = b.connect()) {
			Future<?> stream = publisher.submit(() -> {
				for (int i = 100; i < 400; i++) {
					publish((i % 2 == 0) ? a : b, "feed.busy", i, 1);
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
				}
				return null;
			});
			Thread.sleep(50);
			subscribeWithPosition(after, "feed.busy", start);
			stream.get(60, TimeUnit.SECONDS);
			List<JsonNode> received = awaitEvents(after, 400);
			for (int i = 0; i < 400; i++) {
				assertThat(numberOf(received.get(i))).as("event %d", i).isEqualTo(i);
			}
			TestClients.assertNothingWithin(after, Duration.ofMillis(300));
		}
		finally {
			publisher.shutdownNow();
		}
	}

	@Test
	void aRedisRestartedEmptyLosesTheHistoryAndTheSubscriberIsTold() throws Exception {
		ClusterNode a = cluster.start("app-1", HISTORY);
		JsonNode last;
		try (SocketsTestClient before = a.connect()) {
			subscribeAndAwait(before, "feed.lost");
			publish(a, "feed.lost", 0, 3);
			last = awaitEvents(before, 3).get(2).get("position");
		}
		cluster.redis().stop();
		cluster.redis().start();
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> a.status().up());
		try (SocketsTestClient after = a.connect()) {
			subscribeWithPosition(after, "feed.lost", last);
			after.nextMessage();
			JsonNode notice = after.nextMessage();
			assertThat(notice.get("event").stringValue()).as(notice.toString()).isEqualTo("pusher:recovery_failed");
			assertThat(JSON.readTree(notice.get("data").stringValue()).get("reason").stringValue())
				.isEqualTo("history_lost");
			assertThat(notice.get("position").get("epoch")).isNotEqualTo(last.get("epoch"));
			publish(a, "feed.lost", 3, 1);
			JsonNode live = after.nextMessage();
			assertThat(numberOf(live)).isEqualTo(3);
			assertThat(live.get("position").get("offset").asLong()).isEqualTo(1);
		}
	}

	private static void publish(ClusterNode node, String channel, int from, int count) {
		for (int i = from; i < from + count; i++) {
			node.broadcaster().to(channel).emitRaw("update", "{\"n\":" + i + "}").join();
		}
	}

	private static List<JsonNode> awaitEvents(SocketsTestClient client, int count) {
		List<JsonNode> events = new ArrayList<>(count);
		while (events.size() < count) {
			JsonNode message = client.nextMessage(Duration.ofSeconds(10));
			if ("update".equals(message.get("event").stringValue())) {
				events.add(message);
			}
		}
		return events;
	}

	private static void subscribeWithPosition(SocketsTestClient client, String channel, JsonNode position) {
		send(client, Map.of("event", "pusher:subscribe", "data",
				Map.of("channel", channel, "position", JSON.convertValue(position, Map.class))));
	}

	private static int numberOf(JsonNode event) {
		assertThat(event.get("event").stringValue()).as(event.toString()).isEqualTo("update");
		return JSON.readTree(event.get("data").stringValue()).get("n").asInt();
	}

}
