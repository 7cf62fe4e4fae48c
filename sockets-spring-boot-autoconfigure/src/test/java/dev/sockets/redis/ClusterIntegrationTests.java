package dev.sockets.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.sockets.channel.PresenceMember;
import dev.sockets.presence.PresenceStore;
import dev.sockets.test.Cluster;
import dev.sockets.test.ClusterNode;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static dev.sockets.test.TestClients.assertNothingWithin;
import static dev.sockets.test.TestClients.awaitClose;
import static dev.sockets.test.TestClients.send;
import static dev.sockets.test.TestClients.subscribe;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes of one app, each a real server, joined by a real {@code redis-server} the test
 * starts, kills and restarts.
 */
class ClusterIntegrationTests {

	private int started;

	private static final Duration QUIET = Duration.ofMillis(400);

	private static final Duration RECOVERY = Duration.ofSeconds(30);

	@RegisterExtension
	static final Cluster cluster = new Cluster();

	@Test
	void aBroadcastOnOneNodeReachesEverySubscriberOnEveryNodeOnce() throws Exception {
		ClusterNode a = start("app-1");
		ClusterNode b = start("app-1");
		ClusterNode c = start("app-1");
		try (SocketsTestClient onA = a.connect();
				SocketsTestClient onB = b.connect();
				SocketsTestClient onB2 = b.connect();
				SocketsTestClient onC = c.connect()) {
			subscribeAndAwait(onA, "news");
			subscribeAndAwait(onB, "news");
			subscribeAndAwait(onB2, "news");
			subscribeAndAwait(onC, "news");
			awaitRedisSubscribers("app-1", "news", 3);
			for (int i = 0; i < 5; i++) {
				a.broadcaster().to("news").emit("headline", Map.of("n", i));
			}
			for (SocketsTestClient client : List.of(onA, onB, onB2, onC)) {
				for (int i = 0; i < 5; i++) {
					JsonNode event = client.nextMessage();
					assertThat(event.get("event").stringValue()).isEqualTo("headline");
					assertThat(event.get("data").stringValue()).isEqualTo("{\"n\":" + i + "}");
				}
				assertNothingWithin(client, QUIET);
			}
			assertThat(a.status().published()).isEqualTo(5);
			assertThat(b.status().received()).isEqualTo(5);
			assertThat(c.status().received()).isEqualTo(5);
			assertThat(a.status().received()).isZero();
		}
	}

	@Test
	void aPublicationFromAnotherNodeReachesASubscriberRightAfterItsSubscriptionSucceeded() throws Exception {
		ClusterNode a = start("app-1");
		ClusterNode b = start("app-1");
		Awaitility.await().atMost(RECOVERY).until(() -> a.status().up() && b.status().up());
		try (SocketsTestClient onB = b.connect()) {
			for (int i = 0; i < 100; i++) {
				String channel = "fresh-" + i;
				subscribeAndAwait(onB, channel);
				a.broadcaster().to(channel).emitRaw("first", String.valueOf(i));
				JsonNode first = onB.nextMessage();
				assertThat(first.get("channel").stringValue()).isEqualTo(channel);
				assertThat(first.get("data").stringValue()).isEqualTo(String.valueOf(i));
			}
		}
	}

	@Test
	void theSenderIsSkippedOnEveryNode() throws Exception {
		ClusterNode a = start("app-1");
		ClusterNode b = start("app-1");
		try (SocketsTestClient sender = b.connect(); SocketsTestClient other = b.connect()) {
			subscribeAndAwait(sender, "room");
			subscribeAndAwait(other, "room");
			awaitRedisSubscribers("app-1", "room", 1);
			a.broadcaster().to("room").except(sender.socketId()).emit("said", "{}");
			assertThat(other.nextMessage().get("event").stringValue()).isEqualTo("said");
			assertNothingWithin(sender, QUIET);
		}
	}

	@Test
	void aCacheChannelsLastEventReachesNewSubscribersOnEveryNode() throws Exception {
		ClusterNode a = start("app-1");
		ClusterNode b = start("app-1");
		Awaitility.await().atMost(RECOVERY).until(() -> a.status().up() && b.status().up());
		a.broadcaster().to("cache-scores").emitRaw("score", "3:1");
		try (SocketsTestClient onB = b.connect()) {
			subscribeAndAwait(onB, "cache-scores");
			assertThat(onB.nextFrame())
				.isEqualTo("{\"event\":\"score\",\"channel\":\"cache-scores\",\"data\":\"3:1\"}");
			subscribeAndAwait(onB, "cache-empty");
			assertThat(onB.nextMessage().get("event").stringValue()).isEqualTo("pusher:cache_miss");
		}
	}

	@Test
	void appsWithDifferentIdsSharingOneRedisNeverSeeEachOther() throws Exception {
		ClusterNode a = start("app-1");
		ClusterNode other = start("app-2");
		try (SocketsTestClient onOther = other.connect()) {
			subscribeAndAwait(onOther, "news");
			awaitRedisSubscribers("app-2", "news", 1);
			a.broadcaster().to("news").emit("headline", "{}");
			assertNothingWithin(onOther, QUIET);
			other.broadcaster().to("news").emit("own", "{}");
			assertThat(onOther.nextMessage().get("event").stringValue()).isEqualTo("own");
		}
	}

	// Before, the first canary could go out before the node listened for it: the node
	// then
	// stayed down, publishing to its own subscribers only, for a whole canary interval.
	@Test
	void aNewNodeIsUpAsSoonAsItHearsItselfWhateverTheCanaryInterval() {
		for (int i = 0; i < 3; i++) {
			ClusterNode node = cluster.start("app-1", "sockets.redis.canary-interval=60s");
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> node.status().up());
			node.context().close();
		}
	}

	@Test
	void aNodeListensOnlyToChannelsItHasSubscribersFor() throws Exception {
		ClusterNode a = start("app-1");
		try (SocketsTestClient client = a.connect()) {
			subscribeAndAwait(client, "only-here");
			awaitRedisSubscribers("app-1", "only-here", 1);
			send(client, Map.of("event", "pusher:unsubscribe", "data", Map.of("channel", "only-here")));
			awaitRedisSubscribers("app-1", "only-here", 0);
		}
	}

	@Test
	void aNodeStartsWithoutRedisServesLocallyAndJoinsWhenRedisComesBack() throws Exception {
		cluster.redis().stop();
		ClusterNode a = start("app-1");
		ClusterNode b = start("app-1");
		try (SocketsTestClient onA = a.connect(); SocketsTestClient onB = b.connect()) {
			subscribeAndAwait(onA, "news");
			subscribeAndAwait(onB, "news");
			a.broadcaster().to("news").emit("local", "{}");
			assertThat(onA.nextMessage().get("event").stringValue()).isEqualTo("local");
			assertThat(a.status().up()).isFalse();
			cluster.redis().start();
			Awaitility.await().atMost(RECOVERY).until(() -> a.status().up() && b.status().up());
			awaitRedisSubscribers("app-1", "news", 2);
			a.broadcaster().to("news").emit("joined", "{}");
			assertThat(onB.nextMessage().get("event").stringValue()).isEqualTo("joined");
			assertThat(onA.nextMessage().get("event").stringValue()).isEqualTo("joined");
		}
	}

	@Test
	void aNodeOutlivesARedisOutageAndSubscribesAgain() throws Exception {
		ClusterNode a = start("app-1");
		ClusterNode b = start("app-1");
		try (SocketsTestClient onA = a.connect(); SocketsTestClient onB = b.connect()) {
			subscribeAndAwait(onA, "news");
			subscribeAndAwait(onB, "news");
			awaitRedisSubscribers("app-1", "news", 2);
			Awaitility.await().atMost(RECOVERY).until(() -> a.status().up());

			assertThat(a.health()).contains("\"status\":\"UP\"");

			cluster.redis().stop();
			// before the node notices, Redis cannot acknowledge: refused, never dropped
			// silently (and delivered here only if it was sent before the connection
			// fell)
			CompletableFuture<Void> during = a.broadcaster().to("news").emit("during", "{}");
			Awaitility.await().atMost(RECOVERY).until(during::isDone);
			assertThat(during).isCompletedExceptionally();
			assertThat(a.status().refused()).isGreaterThanOrEqualTo(1);
			Awaitility.await().atMost(RECOVERY).until(() -> !a.status().up());
			// once it knows, delivery is local only, and counted as such
			assertThat(a.broadcaster().to("news").emit("outage", "{}")).isCompleted();
			String event = onA.nextMessage().get("event").stringValue();
			if (event.equals("during")) {
				event = onA.nextMessage().get("event").stringValue();
			}
			assertThat(event).isEqualTo("outage");
			assertThat(a.status().localOnly()).isGreaterThanOrEqualTo(1);
			assertThat(a.status().outages()).isEqualTo(1);
			assertThat(a.health()).contains("\"status\":\"DOWN\"").contains("\"localOnlyPublications\":");
			MeterRegistry meters = a.context().getBean(MeterRegistry.class);
			assertThat(meters.get("sockets.broker.up").gauge().value()).isZero();
			assertThat(meters.get("sockets.broker.publications.local.only").functionCounter().count())
				.isGreaterThanOrEqualTo(1);

			cluster.redis().start();
			Awaitility.await().atMost(RECOVERY).until(() -> a.status().up() && b.status().up());
			awaitRedisSubscribers("app-1", "news", 2);
			assertNothingWithin(onB, Duration.ZERO);
			a.broadcaster().to("news").emit("after", "{}");
			assertThat(onB.nextMessage().get("event").stringValue()).isEqualTo("after");
			assertThat(onA.nextMessage().get("event").stringValue()).isEqualTo("after");
			assertThat(a.status().outageMillis()).isPositive();
			// the restarted Redis came back empty: the nodes recorded their connections
			// again
			Awaitility.await()
				.atMost(RECOVERY)
				.untilAsserted(() -> assertThat(a.rooms().subscriberCount("news")).isEqualTo(2));
			assertThat(a.health()).contains("\"status\":\"UP\"");
			assertThat(meters.get("sockets.broker.outages").functionCounter().count()).isOne();
			assertThat(meters.get("sockets.broker.outage.time").functionCounter().count()).isPositive();
		}
	}

	@Test
	void presenceIsClusterWideAndCountsAUserOnTwoNodesOnce() throws Exception {
		ClusterNode a = start("app-1");
		ClusterNode b = start("app-1");
		Awaitility.await().atMost(RECOVERY).until(() -> a.status().up() && b.status().up());
		String channel = "presence-room.cluster";
		try (SocketsTestClient bobOnB = b.connectAs("bob"); SocketsTestClient aliceOnA = a.connectAs("alice")) {
			join(bobOnB, channel);
			awaitRedisSubscribers("app-1", channel, 1);
			JsonNode aliceJoined = join(aliceOnA, channel);
			assertThat(aliceJoined.get("data").stringValue()).contains("\"count\":2");
			JsonNode added = bobOnB.nextMessage();
			assertThat(added.get("event").stringValue()).isEqualTo("pusher_internal:member_added");
			assertThat(added.get("data").stringValue()).contains("\"user_id\":\"alice\"");
			assertThat(a.rooms().members(channel)).extracting(PresenceMember::userId).containsExactly("bob", "alice");
			assertThat(b.rooms().isOnline("alice")).isTrue();
			assertThat(a.rooms().occupiedChannels("presence-room.")).containsEntry(channel, 2L);

			try (SocketsTestClient aliceOnB = b.connectAs("alice")) {
				join(aliceOnB, channel);
				// alice was already present on the other node: nobody hears of her second
				// tab
				assertNothingWithin(bobOnB, QUIET);
				aliceOnA.close();
				assertNothingWithin(bobOnB, QUIET);
				assertThat(b.rooms().isMember(channel, "alice")).isTrue();
			}
			JsonNode removed = bobOnB.nextMessage();
			assertThat(removed.get("event").stringValue()).isEqualTo("pusher_internal:member_removed");
			assertThat(removed.get("data").stringValue()).contains("\"user_id\":\"alice\"");
			Awaitility.await().atMost(RECOVERY).until(() -> !a.rooms().isOnline("alice"));
		}
	}

	@Test
	void clientEventsAndMessagesToAUserCrossNodes() throws Exception {
		ClusterNode a = start("app-1");
		ClusterNode b = start("app-1");
		Awaitility.await().atMost(RECOVERY).until(() -> a.status().up() && b.status().up());
		try (SocketsTestClient aliceOnA = a.connectAs("alice"); SocketsTestClient bobOnB = b.connectAs("bob")) {
			subscribeAndAwait(aliceOnA, "private-room.chat");
			subscribeAndAwait(bobOnB, "private-room.chat");
			awaitRedisSubscribers("app-1", "private-room.chat", 2);
			send(aliceOnA, Map.of("event", "client-hello", "channel", "private-room.chat", "data", Map.of("n", 1)));
			JsonNode relayed = bobOnB.nextMessage();
			assertThat(relayed.get("event").stringValue()).isEqualTo("client-hello");
			assertNothingWithin(bobOnB, QUIET);
			assertNothingWithin(aliceOnA, Duration.ZERO);

			// bob authenticated at the handshake: node B listens to his user channel
			awaitRedisSubscribers("app-1", "#server-to-user-bob", 1);
			a.broadcaster().toUser("bob").emit("notice", Map.of("text", "hi"));
			JsonNode notice = bobOnB.nextMessage();
			assertThat(notice.get("channel").stringValue()).isEqualTo("#server-to-user-bob");
			assertNothingWithin(aliceOnA, QUIET);
		}
	}

	@Test
	void whatChangedWhileRedisWasUnreachableIsRecordedWhenItIsBack() throws Exception {
		ClusterNode a = start("app-1");
		ClusterNode b = start("app-1");
		Awaitility.await().atMost(RECOVERY).until(() -> a.status().up() && b.status().up());
		String channel = "presence-room.outage";
		try (SocketsTestClient bobOnA = a.connectAs("bob"); SocketsTestClient carolOnB = b.connectAs("carol")) {
			join(bobOnA, channel);
			awaitRedisSubscribers("app-1", channel, 1);
			join(carolOnB, channel);
			assertThat(bobOnA.nextMessage().get("event").stringValue()).isEqualTo("pusher_internal:member_added");
			subscribeAndAwait(carolOnB, "news");
			assertThat(a.rooms().subscriberCount("news")).isOne();

			// Redis comes back with its data, so only what the nodes could not record is
			// missing
			cluster.redis().stopKeepingData();
			Awaitility.await().atMost(RECOVERY).until(() -> !b.status().up());
			carolOnB.close();
			cluster.redis().start();

			JsonNode removed = bobOnA.nextMessage(RECOVERY);
			assertThat(removed.get("event").stringValue()).isEqualTo("pusher_internal:member_removed");
			assertThat(removed.get("data").stringValue()).contains("\"user_id\":\"carol\"");
			// eventually: an outage longer than the node timeout lets each node sweep the
			// other, and each then records its own connections again
			Awaitility.await()
				.atMost(RECOVERY)
				.untilAsserted(() -> assertThat(a.rooms().members(channel)).extracting(PresenceMember::userId)
					.containsExactly("bob"));
			Awaitility.await()
				.atMost(RECOVERY)
				.untilAsserted(() -> assertThat(a.rooms().occupiedChannels("")).containsEntry(channel, 1L)
					.doesNotContainKey("news")
					.doesNotContainKey("#server-to-user-carol"));
			assertThat(a.rooms().isOnline("carol")).isFalse();
		}
	}

	@Test
	void presenceComesBackAfterRedisRestartsEmpty() throws Exception {
		ClusterNode a = start("app-1");
		Awaitility.await().atMost(RECOVERY).until(() -> a.status().up());
		String channel = "presence-room.restored";
		try (SocketsTestClient bobOnA = a.connectAs("bob")) {
			join(bobOnA, channel);
			assertThat(a.rooms().isMember(channel, "bob")).isTrue();
			cluster.redis().stop();
			cluster.redis().start();
			Awaitility.await()
				.atMost(RECOVERY)
				.ignoreExceptions()
				.until(() -> a.rooms().isMember(channel, "bob") && a.rooms().isOnline("bob"));
			assertThat(a.rooms().subscriberCount(channel)).isOne();
		}
	}

	@Test
	void theRoomManagerActsOnEveryNode() throws Exception {
		ClusterNode a = start("app-1");
		ClusterNode b = start("app-1");
		Awaitility.await().atMost(RECOVERY).until(() -> a.status().up() && b.status().up());
		awaitRedisSubscribers("app-1", "#sockets.control", 2);
		String channel = "presence-room.managed";
		try (SocketsTestClient carolOnB = b.connectAs("carol");
				SocketsTestClient aliceOnB = b.connectAs("alice");
				SocketsTestClient bobOnA = a.connectAs("bob")) {
			join(bobOnA, channel);
			join(carolOnB, channel);
			bobOnA.nextMessage();
			assertThat(a.rooms().removeFromChannel(channel, "carol")).isZero();
			JsonNode removed = carolOnB.nextMessage();
			assertThat(removed.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(removed.get("data").get("status").intValue()).isEqualTo(403);
			assertThat(bobOnA.nextMessage().get("event").stringValue()).isEqualTo("pusher_internal:member_removed");

			assertThat(a.rooms().disconnect("alice")).isZero();
			assertThat(awaitClose(aliceOnB)).isEqualTo(4009);
			assertThat(carolOnB.isClosed()).isFalse();

			aliceOnB.close();
			subscribeAndAwait(carolOnB, "news");
			awaitRedisSubscribers("app-1", "news", 1);
			assertThat(a.rooms().closeChannel("news")).isZero();
			JsonNode closed = carolOnB.nextMessage();
			assertThat(closed.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(closed.get("channel").stringValue()).isEqualTo("news");
		}
	}

	@Test
	void theMembersOfANodeThatStopsHeartbeatingAreRemovedByTheOthers() throws Exception {
		ClusterNode a = start("app-1");
		ClusterNode silent = start("app-1");
		Awaitility.await().atMost(RECOVERY).until(() -> a.status().up() && silent.status().up());
		String channel = "presence-room.crash";
		try (SocketsTestClient bobOnA = a.connectAs("bob");
				SocketsTestClient carolOnSilent = silent.connectAs("carol")) {
			join(bobOnA, channel);
			awaitRedisSubscribers("app-1", channel, 1);
			join(carolOnSilent, channel);
			assertThat(bobOnA.nextMessage().get("event").stringValue()).isEqualTo("pusher_internal:member_added");
			// the node stops heartbeating as a crashed one would; its sockets stay open
			((RedisPresenceStore) silent.context().getBean(PresenceStore.class)).destroy();
			JsonNode removed = bobOnA.nextMessage(RECOVERY);
			assertThat(removed.get("event").stringValue()).isEqualTo("pusher_internal:member_removed");
			assertThat(removed.get("data").stringValue()).contains("\"user_id\":\"carol\"");
			assertThat(a.rooms().members(channel)).extracting(PresenceMember::userId).containsExactly("bob");
		}
	}

	@Test
	void aNodeKilledAbruptlyLeavesNoGhosts() throws Exception {
		ClusterNode a = start("app-1");
		Awaitility.await().atMost(RECOVERY).until(() -> a.status().up());
		String channel = "presence-room.killed";
		try (NodeProcess doomed = startProcess(); SocketsTestClient bobOnA = a.connectAs("bob")) {
			join(bobOnA, channel);
			awaitRedisSubscribers("app-1", channel, 1);
			SocketsTestClient daveOnDoomed = TestClients
				.connect("ws://127.0.0.1:" + doomed.port() + "/app/app-key?token=dave-token");
			// the new node answers presence once it hears its own canary
			Awaitility.await().atMost(RECOVERY).pollInterval(Duration.ofMillis(200)).until(() -> {
				subscribe(daveOnDoomed, channel);
				return daveOnDoomed.nextMessage()
					.get("event")
					.stringValue()
					.equals("pusher_internal:subscription_succeeded");
			});
			JsonNode added = bobOnA.nextMessage();
			assertThat(added.get("data").stringValue()).contains("\"user_id\":\"dave\"");

			doomed.kill();
			daveOnDoomed.close();
			JsonNode removed = bobOnA.nextMessage(RECOVERY);
			assertThat(removed.get("event").stringValue()).isEqualTo("pusher_internal:member_removed");
			assertThat(removed.get("data").stringValue()).contains("\"user_id\":\"dave\"");
			assertThat(a.rooms().members(channel)).extracting(PresenceMember::userId).containsExactly("bob");
			assertThat(a.rooms().isOnline("dave")).isFalse();
			assertNothingWithin(bobOnA, QUIET);
		}
	}

	// Before, the member's own connection heard member_removed about itself once its node
	// woke up, and never member_added: its member list lacked itself for good.
	@Test
	void aMemberOfANodeThatWasPausedIsNeverToldItLeft() throws Exception {
		ClusterNode a = start("app-1");
		Awaitility.await().atMost(RECOVERY).until(() -> a.status().up());
		String channel = "presence-room.paused";
		try (NodeProcess paused = startProcess(); SocketsTestClient bobOnA = a.connectAs("bob")) {
			join(bobOnA, channel);
			awaitRedisSubscribers("app-1", channel, 1);
			SocketsTestClient erinOnPaused = TestClients
				.connect("ws://127.0.0.1:" + paused.port() + "/app/app-key?token=erin-token");
			Awaitility.await().atMost(RECOVERY).pollInterval(Duration.ofMillis(200)).until(() -> {
				subscribe(erinOnPaused, channel);
				return erinOnPaused.nextMessage()
					.get("event")
					.stringValue()
					.equals("pusher_internal:subscription_succeeded");
			});
			assertThat(bobOnA.nextMessage().get("data").stringValue()).contains("\"user_id\":\"erin\"");

			paused.pause();
			try {
				// the others sweep the silent node: erin is gone for them
				JsonNode removed = bobOnA.nextMessage(RECOVERY);
				assertThat(removed.get("event").stringValue()).isEqualTo("pusher_internal:member_removed");
				assertThat(removed.get("data").stringValue()).contains("\"user_id\":\"erin\"");
			}
			finally {
				paused.resume();
			}
			// the node wakes up, records its connections again: erin is back for the
			// others, and her own connection was never told she left
			JsonNode added = bobOnA.nextMessage(RECOVERY);
			assertThat(added.get("event").stringValue()).isEqualTo("pusher_internal:member_added");
			assertThat(added.get("data").stringValue()).contains("\"user_id\":\"erin\"");
			Awaitility.await()
				.atMost(RECOVERY)
				.until(() -> a.rooms().members(channel).stream().anyMatch((member) -> member.userId().equals("erin")));
			for (JsonNode frame = erinOnPaused.pollMessage(QUIET); frame != null; frame = erinOnPaused
				.pollMessage(QUIET)) {
				assertThat(frame.get("event").stringValue()).as(frame.toString())
					.isNotEqualTo("pusher_internal:member_removed");
			}
			erinOnPaused.close();
		}
	}

	// a node in a JVM of its own, which the test can kill or pause
	private static NodeProcess startProcess() throws Exception {
		return NodeProcess.start(List.of("sockets.app.id=app-1", "sockets.app.key=app-key",
				"sockets.app.secret=app-secret", "sockets.broker=redis", "sockets.redis.canary-interval=200ms",
				"sockets.redis.node-timeout=3s", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + cluster.redis().port(), "spring.main.banner-mode=off"));
	}

	private static JsonNode join(SocketsTestClient client, String channel) {
		subscribe(client, channel);
		JsonNode reply = client.nextMessage();
		assertThat(reply.get("event").stringValue()).as(reply.toString())
			.isEqualTo("pusher_internal:subscription_succeeded");
		return reply;
	}

	private void awaitRedisSubscribers(String appId, String channel, long count) {
		Awaitility.await()
			.atMost(RECOVERY)
			.until(() -> cluster.redis().subscribers("sockets:" + appId + ":channel:" + channel) == count);
	}

	// every other node of a test runs the Netty transport: one cluster of both
	private ClusterNode start(String appId) {
		boolean netty = this.started++ % 2 == 1;
		return netty ? cluster.start(appId, SocketsPort.NETTY, SocketsPort.FREE_NETTY_PORT) : cluster.start(appId);
	}

}
