package dev.sockets.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.sockets.broker.Broadcaster;
import dev.sockets.presence.ChannelRecovery;
import dev.sockets.test.SignedInUsers;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.sockets.test.TestClients.send;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Missed-message recovery on one node, through the wire protocol of docs/recovery.md: a
 * subscriber that comes back with the last position it saw gets exactly what it missed,
 * in order, then the live events, none twice; or {@code pusher:recovery_failed} with the
 * reason and the position the channel continues from.
 */
@SpringBootTest(classes = { TestApplication.class, SignedInUsers.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
				"sockets.client-events.enabled=true", "sockets.namespaces[0].pattern=feed.*",
				"sockets.namespaces[0].history.size=200", "sockets.namespaces[1].pattern=short.*",
				"sockets.namespaces[1].history.size=20", "sockets.namespaces[2].pattern=brief.*",
				"sockets.namespaces[2].history.size=20", "sockets.namespaces[2].history.time-to-live=1s",
				"sockets.namespaces[3].pattern=cache-feed.*", "sockets.namespaces[3].history.size=20",
				"sockets.namespaces[4].pattern=presence-feed.*", "sockets.namespaces[4].history.size=20",
				"sockets.namespaces[5].pattern=large.*", "sockets.namespaces[5].history.size=1000" })
class RecoveryIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	@Value(SocketsPort.VALUE)
	private int port;

	@Autowired
	private Broadcaster broadcaster;

	@Autowired
	private ChannelRecovery recovery;

	@Test
	void aSubscriberBackWithItsPositionGetsWhatItMissedInOrderThenLiveEvents() {
		JsonNode last;
		try (SocketsTestClient before = connect()) {
			JsonNode succeeded = subscribeAndAwait(before, "feed.orders");
			assertThat(succeeded.get("position").get("offset").asLong()).isZero();
			publish("feed.orders", 0, 10);
			last = positionOf(awaitEvents(before, "feed.orders", 10).get(9));
			assertThat(last.get("offset").asLong()).isEqualTo(10);
		}
		publish("feed.orders", 10, 100);
		try (SocketsTestClient after = connect()) {
			subscribeWithPosition(after, "feed.orders", last);
			JsonNode succeeded = after.nextMessage();
			assertThat(succeeded.get("event").stringValue()).isEqualTo("pusher_internal:subscription_succeeded");
			assertThat(succeeded.get("position")).isEqualTo(last);
			List<JsonNode> replayed = awaitEvents(after, "feed.orders", 100);
			for (int i = 0; i < 100; i++) {
				assertThat(numberOf(replayed.get(i))).isEqualTo(10 + i);
				assertThat(positionOf(replayed.get(i)).get("offset").asLong()).isEqualTo(11 + i);
			}
			publish("feed.orders", 110, 1);
			JsonNode live = after.nextMessage();
			assertThat(numberOf(live)).isEqualTo(110);
			TestClients.assertNothingWithin(after, Duration.ofMillis(200));
		}
	}

	@Test
	void broadcastsDuringTheReplayFollowItWithoutGapOrDuplicate() throws Exception {
		JsonNode start;
		try (SocketsTestClient before = connect()) {
			start = subscribeAndAwait(before, "feed.busy").get("position");
		}
		publish("feed.busy", 0, 150);
		ExecutorService publisher = Executors.newSingleThreadExecutor();
		try (SocketsTestClient after = connect()) {
			// a steady stream, about one event a millisecond, while the client comes back
			Future<?> stream = publisher.submit(() -> {
				for (int i = 150; i < 750; i++) {
					publish("feed.busy", i, 1);
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
				}
			});
			sleep(50);
			subscribeWithPosition(after, "feed.busy", start);
			stream.get(30, TimeUnit.SECONDS);
			List<JsonNode> received = awaitEvents(after, "feed.busy", 750);
			for (int i = 0; i < 750; i++) {
				assertThat(numberOf(received.get(i))).as("event %d", i).isEqualTo(i);
			}
			TestClients.assertNothingWithin(after, Duration.ofMillis(200));
		}
		finally {
			publisher.shutdownNow();
		}
	}

	@Test
	void aPositionOlderThanTheHistoryIsRefusedWithTooOldAndTheChannelContinuesLive() {
		JsonNode start;
		try (SocketsTestClient before = connect()) {
			start = subscribeAndAwait(before, "short.news").get("position");
		}
		publish("short.news", 0, 25);
		long failed = this.recovery.failedCount(ChannelRecovery.Failure.TOO_OLD);
		try (SocketsTestClient after = connect()) {
			subscribeWithPosition(after, "short.news", start);
			assertThat(after.nextMessage().get("event").stringValue())
				.isEqualTo("pusher_internal:subscription_succeeded");
			JsonNode notice = after.nextMessage();
			assertThat(notice.get("event").stringValue()).isEqualTo("pusher:recovery_failed");
			assertThat(notice.get("channel").stringValue()).isEqualTo("short.news");
			assertThat(JSON.readTree(notice.get("data").stringValue()).get("reason").stringValue())
				.isEqualTo("too_old");
			assertThat(notice.get("position").get("offset").asLong()).isEqualTo(25);
			assertThat(notice.get("position").get("epoch")).isEqualTo(start.get("epoch"));
			publish("short.news", 25, 1);
			assertThat(numberOf(after.nextMessage())).isEqualTo(25);
		}
		assertThat(this.recovery.failedCount(ChannelRecovery.Failure.TOO_OLD)).isEqualTo(failed + 1);
	}

	@Test
	void aReplayLargerThanTheSendBufferTakesIsRefusedWithTooOld() {
		JsonNode start;
		try (SocketsTestClient before = connect()) {
			start = subscribeAndAwait(before, "large.files").get("position");
		}
		// 300 events of 2KB: 600KB, past three quarters of the 512KB send buffer
		String padding = "x".repeat(2048);
		for (int i = 0; i < 300; i++) {
			this.broadcaster.to("large.files").emitRaw("update", "{\"n\":" + i + ",\"p\":\"" + padding + "\"}").join();
		}
		try (SocketsTestClient after = connect()) {
			subscribeWithPosition(after, "large.files", start);
			after.nextMessage();
			JsonNode notice = after.nextMessage();
			assertReason(notice, "too_old");
			assertThat(notice.get("position").get("offset").asLong()).isEqualTo(300);
			assertThat(after.isClosed()).isFalse();
		}
	}

	@Test
	void aPositionOfAnotherEpochIsRefusedWithHistoryLost() {
		publish("feed.epochs", 0, 3);
		try (SocketsTestClient client = connect()) {
			subscribeWithPosition(client, "feed.epochs", position("gone-1", 2));
			assertThat(client.nextMessage().get("event").stringValue())
				.isEqualTo("pusher_internal:subscription_succeeded");
			assertReason(client.nextMessage(), "history_lost");
		}
	}

	@Test
	void aHistoryThatOutlivedItsTimeToLiveStartsANewEpoch() {
		JsonNode start;
		try (SocketsTestClient before = connect()) {
			start = subscribeAndAwait(before, "brief.news").get("position");
		}
		publish("brief.news", 0, 2);
		sleep(1300);
		try (SocketsTestClient after = connect()) {
			subscribeWithPosition(after, "brief.news", start);
			after.nextMessage();
			JsonNode notice = after.nextMessage();
			assertReason(notice, "history_lost");
			assertThat(notice.get("position").get("epoch")).isNotEqualTo(start.get("epoch"));
			assertThat(notice.get("position").get("offset").asLong()).isZero();
		}
	}

	@Test
	void aPositionOnAChannelWithoutHistoryGetsNoHistory() {
		try (SocketsTestClient client = connect()) {
			subscribeWithPosition(client, "plain", position("abc", 4));
			JsonNode succeeded = client.nextMessage();
			assertThat(succeeded.get("event").stringValue()).isEqualTo("pusher_internal:subscription_succeeded");
			assertThat(succeeded.has("position")).isFalse();
			JsonNode notice = client.nextMessage();
			assertReason(notice, "no_history");
			assertThat(notice.has("position")).isFalse();
		}
	}

	@Test
	void aMalformedPositionIsASubscriptionError() {
		try (SocketsTestClient client = connect()) {
			Map<String, Object> bad = new LinkedHashMap<>();
			bad.put("epoch", "a b");
			bad.put("offset", 1);
			send(client, Map.of("event", "pusher:subscribe", "data", Map.of("channel", "feed.bad", "position", bad)));
			JsonNode error = client.nextMessage();
			assertThat(error.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(error.get("data").get("type").stringValue()).isEqualTo("InvalidPosition");
			assertThat(error.get("data").get("status").asInt()).isEqualTo(400);
			send(client, Map.of("event", "pusher:subscribe", "data",
					Map.of("channel", "feed.bad", "position", Map.of("epoch", "ok", "offset", "1"))));
			assertThat(client.nextMessage().get("data").get("type").stringValue()).isEqualTo("InvalidPosition");
			// the connection goes on
			subscribeAndAwait(client, "feed.bad");
		}
	}

	@Test
	void theSenderLeftOutOfAnEventGetsItsPositionInstead() {
		try (SocketsTestClient sender = connect(); SocketsTestClient other = connect()) {
			subscribeAndAwait(sender, "feed.chat");
			subscribeAndAwait(other, "feed.chat");
			this.broadcaster.to("feed.chat").except(sender.socketId()).emitRaw("message", "{\"n\":0}").join();
			JsonNode skipped = sender.nextMessage();
			assertThat(skipped.get("event").stringValue()).isEqualTo("pusher_internal:position");
			assertThat(skipped.get("position").get("offset").asLong()).isEqualTo(1);
			assertThat(skipped.has("data")).isFalse();
			assertThat(other.nextMessage().get("position").get("offset").asLong()).isEqualTo(1);
		}
	}

	@Test
	void aRecoveringPresenceMemberGetsTheBroadcastsItMissedButNoMemberNorClientEvents() {
		try (SocketsTestClient alice = connectAs("alice")) {
			subscribeAndAwait(alice, "presence-feed.room");
			JsonNode start;
			try (SocketsTestClient bob = connectAs("bob")) {
				start = subscribeAndAwait(bob, "presence-feed.room").get("position");
				assertThat(alice.nextMessage().get("event").stringValue()).isEqualTo("pusher_internal:member_added");
			}
			assertThat(alice.nextMessage().get("event").stringValue()).isEqualTo("pusher_internal:member_removed");
			publish("presence-feed.room", 0, 2);
			send(alice, Map.of("event", "client-typing", "channel", "presence-feed.room", "data", Map.of()));
			try (SocketsTestClient carol = connectAs("carol")) {
				subscribeAndAwait(carol, "presence-feed.room");
				publish("presence-feed.room", 2, 1);
				try (SocketsTestClient bob = connectAs("bob")) {
					subscribeWithPosition(bob, "presence-feed.room", start);
					JsonNode succeeded = bob.nextMessage();
					assertThat(succeeded.get("event").stringValue())
						.isEqualTo("pusher_internal:subscription_succeeded");
					assertThat(succeeded.get("data").stringValue()).contains("alice", "bob", "carol");
					assertThat(numberOf(bob.nextMessage())).isZero();
					assertThat(numberOf(bob.nextMessage())).isEqualTo(1);
					assertThat(numberOf(bob.nextMessage())).isEqualTo(2);
					TestClients.assertNothingWithin(bob, Duration.ofMillis(200));
				}
			}
		}
	}

	@Test
	void aRecoveredCacheChannelGetsNeitherTheCachedEventNorACacheMiss() {
		JsonNode start;
		try (SocketsTestClient before = connect()) {
			subscribeAndAwait(before, "cache-feed.prices");
			assertThat(before.nextMessage().get("event").stringValue()).isEqualTo("pusher:cache_miss");
			publish("cache-feed.prices", 0, 1);
			start = positionOf(before.nextMessage());
		}
		publish("cache-feed.prices", 1, 2);
		try (SocketsTestClient after = connect()) {
			subscribeWithPosition(after, "cache-feed.prices", start);
			after.nextMessage();
			assertThat(numberOf(after.nextMessage())).isEqualTo(1);
			assertThat(numberOf(after.nextMessage())).isEqualTo(2);
			TestClients.assertNothingWithin(after, Duration.ofMillis(200));
		}
		try (SocketsTestClient fresh = connect()) {
			// without a position: the cached event, as always
			subscribeAndAwait(fresh, "cache-feed.prices");
			assertThat(numberOf(fresh.nextMessage())).isEqualTo(2);
		}
	}

	private void publish(String channel, int from, int count) {
		for (int i = from; i < from + count; i++) {
			this.broadcaster.to(channel).emitRaw("update", "{\"n\":" + i + "}").join();
		}
	}

	private static List<JsonNode> awaitEvents(SocketsTestClient client, String channel, int count) {
		List<JsonNode> events = new ArrayList<>(count);
		while (events.size() < count) {
			JsonNode message = client.nextMessage(Duration.ofSeconds(10));
			assertThat(message.get("channel").stringValue()).as(message.toString()).isEqualTo(channel);
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

	private static JsonNode position(String epoch, long offset) {
		return JSON.valueToTree(Map.of("epoch", epoch, "offset", offset));
	}

	private static void assertReason(JsonNode notice, String reason) {
		assertThat(notice.get("event").stringValue()).as(notice.toString()).isEqualTo("pusher:recovery_failed");
		assertThat(JSON.readTree(notice.get("data").stringValue()).get("reason").stringValue()).isEqualTo(reason);
	}

	private static JsonNode positionOf(JsonNode event) {
		assertThat(event.has("position")).as(event.toString()).isTrue();
		return event.get("position");
	}

	private static int numberOf(JsonNode event) {
		assertThat(event.get("event").stringValue()).as(event.toString()).isEqualTo("update");
		return JSON.readTree(event.get("data").stringValue()).get("n").asInt();
	}

	private SocketsTestClient connectAs(String user) {
		return TestClients.connect("ws://127.0.0.1:" + this.port + "/app/app-key?token=" + user + "-token");
	}

	private SocketsTestClient connect() {
		return TestClients.connect("ws://127.0.0.1:" + this.port + "/app/app-key");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
