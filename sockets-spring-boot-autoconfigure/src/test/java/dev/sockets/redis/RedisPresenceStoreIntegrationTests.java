package dev.sockets.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.sockets.channel.PresenceMember;
import dev.sockets.presence.NodeRecovery;
import dev.sockets.presence.PresenceStore;
import dev.sockets.presence.PresenceStoreContractTests;
import dev.sockets.presence.PresenceUnavailableException;
import dev.sockets.test.RedisProcess;
import dev.sockets.test.RedisServerExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The presence store contract against a real {@code redis-server}, plus what only a
 * shared store does: nodes that stop heartbeating are cleaned up by the others.
 */
class RedisPresenceStoreIntegrationTests extends PresenceStoreContractTests {

	private static final Duration NODE_TIMEOUT = Duration.ofMillis(600);

	@RegisterExtension
	static final RedisServerExtension<RedisProcess> redis = RedisServerExtension.server();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final String appId = UUID.randomUUID().toString();

	@AfterEach
	void closeResources() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@Override
	protected PresenceStore createStore() {
		return store(1, () -> true);
	}

	@Test
	void theOtherNodesRemoveWhatAStoppedNodeLeftBehind() {
		RedisPresenceStore stopped = store(7, () -> true);
		RedisPresenceStore survivor = store(8, () -> true);
		PresenceMember alice = new PresenceMember("alice", Map.of("name", "Alice"));
		PresenceMember bob = PresenceMember.of("bob");
		await(stopped.addMember("presence-room", "7.1", alice, 10));
		await(stopped.addSubscriber("presence-room", "7.1"));
		await(stopped.addUserConnection("alice", "7.1"));
		await(survivor.addMember("presence-room", "8.1", bob, 10));
		await(survivor.addMember("presence-room", "8.2", alice, 10));
		await(survivor.addSubscriber("presence-room", "8.1"));
		await(survivor.addSubscriber("presence-room", "8.2"));
		await(survivor.addUserConnection("alice", "8.2"));
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> survivor.removeDepartedNodes().isEmpty());

		stopped.destroy();
		Awaitility.await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(10)).until(() -> {
			survivor.removeDepartedNodes();
			return !await(survivor.userConnections("alice")).contains("7.1");
		});
		// alice is still present through her connection on the surviving node
		assertThat(await(survivor.members("presence-room"))).containsExactly(alice, bob);
		assertThat(await(survivor.subscriberCount("presence-room"))).isEqualTo(2);
		assertThat(await(survivor.userConnections("alice"))).containsExactly("8.2");

		assertThat(await(survivor.removeMember("presence-room", "8.2"))).isEqualTo(alice);
		assertThat(await(survivor.members("presence-room"))).containsExactly(bob);
	}

	@Test
	void aStoppedNodesLastConnectionOfAUserIsAnnouncedAsADeparture() {
		RedisPresenceStore stopped = store(17, () -> true);
		RedisPresenceStore survivor = store(18, () -> true);
		PresenceMember carol = PresenceMember.of("carol");
		await(stopped.addMember("presence-room", "17.1", carol, 10));
		await(survivor.addMember("presence-room", "18.1", PresenceMember.of("dave"), 10));
		stopped.destroy();
		List<NodeRecovery.Departure> departures = new ArrayList<>();
		Awaitility.await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(10)).until(() -> {
			departures.addAll(survivor.removeDepartedNodes().departures());
			return !departures.isEmpty();
		});
		assertThat(departures).containsExactly(new NodeRecovery.Departure("presence-room", carol));
		assertThat(await(survivor.members("presence-room"))).extracting(PresenceMember::userId).containsExactly("dave");
	}

	@Test
	void refusesPresenceWhileRedisIsUnreachable() {
		RedisPresenceStore store = store(27, () -> false);
		assertThatExceptionOfType(PresenceUnavailableException.class)
			.isThrownBy(() -> await(store.addMember("presence-room", "27.1", PresenceMember.of("erin"), 10)));
		assertThat(await(store.addSubscriber("news", "27.1"))).isEqualTo(-1);
		assertThat(await(store.removeMember("presence-room", "27.1"))).isNull();
	}

	@Test
	void changesMissedWhileRedisWasUnreachableAreRecordedAgainWithoutCountingTwice() {
		AtomicBoolean available = new AtomicBoolean(true);
		RedisPresenceStore store = store(37, available::get);
		PresenceMember frank = PresenceMember.of("frank");
		await(store.addMember("presence-room", "37.1", frank, 10));
		await(store.addSubscriber("presence-room", "37.1"));
		await(store.addSubscriber("news", "37.1"));
		await(store.addUserConnection("frank", "37.1"));
		assertThat(store.needsRestore()).isFalse();

		// 37.1 closes and 37.2 subscribes while Redis is unreachable
		available.set(false);
		assertThat(await(store.removeMember("presence-room", "37.1"))).isNull();
		assertThat(await(store.removeSubscriber("presence-room", "37.1"))).isEqualTo(-1);
		assertThat(await(store.removeSubscriber("news", "37.1"))).isEqualTo(-1);
		await(store.removeUserConnection("frank", "37.1"));
		assertThat(await(store.addSubscriber("news", "37.2"))).isEqualTo(-1);
		assertThat(store.needsRestore()).isFalse();

		available.set(true);
		assertThat(store.needsRestore()).isTrue();
		// the node records what it has now, twice as a retried restore would
		assertThat(await(store.addSubscriber("news", "37.2"))).isEqualTo(2);
		assertThat(await(store.addSubscriber("news", "37.2"))).isEqualTo(-1);
		NodeRecovery.Leftovers leftovers = store.removeStale(live(Map.of("37.2", List.of("news"))));
		store.restored();

		assertThat(leftovers.departures()).containsExactly(new NodeRecovery.Departure("presence-room", frank));
		// its unsubscribe went unrecorded during the outage: the vacated channel is
		// announced now
		assertThat(leftovers.vacated()).containsExactly("presence-room");
		assertThat(await(store.members("presence-room"))).isEmpty();
		assertThat(await(store.subscriberCount("news"))).isOne();
		assertThat(await(store.subscriberCount("presence-room"))).isZero();
		assertThat(await(store.userConnections("frank"))).isEmpty();
		assertThat(store.needsRestore()).isFalse();
	}

	@Test
	void aRestoreInterruptedByAnotherOutageIsNotMarkedDone() {
		AtomicBoolean available = new AtomicBoolean(false);
		RedisPresenceStore store = store(47, available::get);
		await(store.addSubscriber("news", "47.1"));
		available.set(true);
		assertThat(store.needsRestore()).isTrue();
		available.set(false);
		await(store.addSubscriber("news", "47.1"));
		assertThatExceptionOfType(PresenceUnavailableException.class).isThrownBy(store::restored);
		available.set(true);
		assertThat(store.needsRestore()).isTrue();
		await(store.addSubscriber("news", "47.1"));
		store.restored();
		assertThat(store.needsRestore()).isFalse();
		assertThat(await(store.subscriberCount("news"))).isOne();
	}

	private static NodeRecovery.LiveSockets live(Map<String, List<String>> channelsBySocket) {
		return new NodeRecovery.LiveSockets() {

			@Override
			public boolean isOpen(String socketId) {
				return channelsBySocket.containsKey(socketId);
			}

			@Override
			public boolean isSubscribed(String socketId, String channel) {
				return channelsBySocket.getOrDefault(socketId, List.of()).contains(channel);
			}

		};
	}

	@Test
	void aJoinRefusedForTimeOutIsTakenBackOnceRedisAnswers() throws Exception {
		RedisPresenceStore store = store(57, () -> true, Duration.ofMillis(300));
		redis.get().pause();
		try {
			assertThatExceptionOfType(PresenceUnavailableException.class)
				.isThrownBy(() -> await(store.addMember("presence-room", "57.1", PresenceMember.of("gina"), 10)));
		}
		finally {
			redis.get().resume();
		}
		// Redis ran the join when it woke up, and then the take-back sent after it
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> await(store.members("presence-room")).isEmpty()
					&& await(store.memberCount("presence-room")) == 0);
		assertThat(store.needsRestore()).as("the refused join is checked again by the next restore").isTrue();
	}

	private RedisPresenceStore store(long node, java.util.function.BooleanSupplier available) {
		return store(node, available, Duration.ofSeconds(2));
	}

	private RedisPresenceStore store(long node, java.util.function.BooleanSupplier available, Duration timeout) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory("127.0.0.1", redis.get().port());
		factory.afterPropertiesSet();
		factory.start();
		RedisPresenceStore store = new RedisPresenceStore(factory, new RedisKeys("test:", this.appId), node,
				JsonMapper.shared(), available, NODE_TIMEOUT, timeout);
		this.resources.add(factory::destroy);
		this.resources.add(store::destroy);
		return store;
	}

}
