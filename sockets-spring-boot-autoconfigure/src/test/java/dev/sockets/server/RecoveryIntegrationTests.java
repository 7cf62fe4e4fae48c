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
import dev.sockets.test.Updates;
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
			Updates.publish(this.broadcaster, "feed.orders", 0, 10);
			last = positionOf(Updates.await(before, 10).get(9));
			assertThat(last.get("offset").asLong()).isEqualTo(10);
		}
		Updates.publish(this.broadcaster, "feed.orders", 10, 100);
		try (SocketsTestClient after = connect()) {
			Updates.subscribeWithPosition(after, "feed.orders", last);
			JsonNode succeeded = after.nextMessage();
			assertThat(succeeded.get("event").stringValue()).isEqualTo("pusher_internal:subscription_succeeded");
			assertThat(succeeded.get("position")).isEqualTo(last);
			List<JsonNode> replayed = Updates.await(after, 100);
			for (int i = 0; i < 100; i++) {
				assertThat(Updates.numberOf(replayed.get(i))).isEqualTo(10 + i);
				assertThat(positionOf(replayed.get(i)).get("offset").asLong()).isEqualTo(11 + i);
			}
			Updates.publish(this.broadcaster, "feed.orders", 110, 1);
			JsonNode live = after.nextMessage();
			assertThat(Updates.numberOf(live)).isEqualTo(110);
			TestClients.assertNothingWithin(after, Duration.ofMillis(200));
		}
	}

	@Test
	void broadcastsDuringTheReplayFollowItWithoutGapOrDuplicate() throws Exception {
		JsonNode start;
		try (SocketsTestClient before = connect()) {
			start = subscribeAndAwait(before, "feed.busy").get("position");
		}
		Updates.publish(this.broadcaster, "feed.busy", 0, 150);
		ExecutorService publisher = Executors.newSingleThreadExecutor();
		try (SocketsTestClient after = connect()) {
			// a steady stream, about one event a millisecond, while the client comes back
			Future<?> stream = publisher.submit(() -> {
				for (int i = 150; i < 750; i++) {
					Updates.publish(this.broadcaster, "feed.busy", i, 1);
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
				}
			});
			sleep(50);
			Updates.subscribeWithPosition(after, "feed.busy", start);
			stream.get(30, TimeUnit.SECONDS);
			List<JsonNode> received = Updates.await(after, 750);
			for (int i = 0; i < 750; i++) {
				assertThat(Updates.numberOf(received.get(i))).as("event %d", i).isEqualTo(i);
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
		Updates.publish(this.broadcaster, "short.news", 0, 25);
		long failed = this.recovery.failedCount(ChannelRecovery.Failure.TOO_OLD);
		try (SocketsTestClient after = connect()) {
			Updates.subscribeWithPosition(after, "short.news", start);
			assertThat(after.nextMessage().get("event").stringValue())
				.isEqualTo("pusher_internal:subscription_succeeded");
			JsonNode notice = after.nextMessage();
			assertThat(notice.get("event").stringValue()).isEqualTo("pusher:recovery_failed");
			assertThat(notice.get("channel").stringValue()).isEqualTo("short.news");
			assertThat(JSON.readTree(notice.get("data").stringValue()).get("reason").stringValue())
				.isEqualTo("too_old");
			assertThat(notice.get("position").get("offset").asLong()).isEqualTo(25);
			assertThat(notice.get("position").get("epoch")).isEqualTo(start.get("epoch"));
			Updates.publish(this.broadcaster, "short.news", 25, 1);
			assertThat(Updates.numberOf(after.nextMessage())).isEqualTo(25);
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
			Updates.subscribeWithPosition(after, "large.files", start);
			after.nextMessage();
			JsonNode notice = after.nextMessage();
			assertReason(notice, "too_old");
			assertThat(notice.get("position").get("offset").asLong()).isEqualTo(300);
			assertThat(after.isClosed()).isFalse();
		}
	}

	@Test
	void aPositionOfAnotherEpochIsRefusedWithHistoryLost() {
		Updates.publish(this.broadcaster, "feed.epochs", 0, 3);
		try (SocketsTestClient client = connect()) {
			Updates.subscribeWithPosition(client, "feed.epochs", position("gone-1", 2));
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
		Updates.publish(this.broadcaster, "brief.news", 0, 2);
		sleep(1300);
		try (SocketsTestClient after = connect()) {
			Updates.subscribeWithPosition(after, "brief.news", start);
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
			Updates.subscribeWithPosition(client, "plain", position("abc", 4));
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
			Updates.publish(this.broadcaster, "presence-feed.room", 0, 2);
			send(alice, Map.of("event", "client-typing", "channel", "presence-feed.room", "data", Map.of()));
			try (SocketsTestClient carol = connectAs("carol")) {
				subscribeAndAwait(carol, "presence-feed.room");
				Updates.publish(this.broadcaster, "presence-feed.room", 2, 1);
				try (SocketsTestClient bob = connectAs("bob")) {
					Updates.subscribeWithPosition(bob, "presence-feed.room", start);
					JsonNode succeeded = bob.nextMessage();
					assertThat(succeeded.get("event").stringValue())
						.isEqualTo("pusher_internal:subscription_succeeded");
					assertThat(succeeded.get("data").stringValue()).contains("alice", "bob", "carol");
					assertThat(Updates.numberOf(bob.nextMessage())).isZero();
					assertThat(Updates.numberOf(bob.nextMessage())).isEqualTo(1);
					assertThat(Updates.numberOf(bob.nextMessage())).isEqualTo(2);
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
			Updates.publish(this.broadcaster, "cache-feed.prices", 0, 1);
			start = positionOf(before.nextMessage());
		}
		Updates.publish(this.broadcaster, "cache-feed.prices", 1, 2);
		try (SocketsTestClient after = connect()) {
			Updates.subscribeWithPosition(after, "cache-feed.prices", start);
			after.nextMessage();
			assertThat(Updates.numberOf(after.nextMessage())).isEqualTo(1);
			assertThat(Updates.numberOf(after.nextMessage())).isEqualTo(2);
			TestClients.assertNothingWithin(after, Duration.ofMillis(200));
		}
		try (SocketsTestClient fresh = connect()) {
			// without a position: the cached event, as always
			subscribeAndAwait(fresh, "cache-feed.prices");
			assertThat(Updates.numberOf(fresh.nextMessage())).isEqualTo(2);
		}
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
