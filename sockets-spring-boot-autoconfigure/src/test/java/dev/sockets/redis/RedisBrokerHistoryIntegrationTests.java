package dev.sockets.redis;

import java.time.Duration;
import java.util.List;

import dev.sockets.broker.BrokerContractTests.Received;
import dev.sockets.broker.Broker;
import dev.sockets.broker.BrokerListener;
import dev.sockets.broker.ClusterHistoryContractTests;
import dev.sockets.broker.Publication;
import dev.sockets.broker.StreamPosition;
import dev.sockets.test.RedisProcess;
import dev.sockets.test.RedisServerExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The history contract for {@link RedisBroker}, its nodes sharing a real
 * {@code redis-server}; plus what only Redis brings: it restarts empty, goes away, and
 * forgets its scripts.
 */
class RedisBrokerHistoryIntegrationTests extends ClusterHistoryContractTests {

	private static final Duration RECOVERY = Duration.ofSeconds(20);

	@RegisterExtension
	static final RedisServerExtension<RedisProcess> redis = RedisServerExtension.server();

	private final RedisBrokerNodes nodes = new RedisBrokerNodes();

	@AfterEach
	void closeNodes() throws Exception {
		this.nodes.close();
	}

	@Override
	protected RedisBroker startNode(BrokerListener listener) {
		return this.nodes.start(redis.get().port(), listener, 10_000, Duration.ofSeconds(5));
	}

	@Test
	void aRedisRestartedEmptyStartsANewEpoch() throws Exception {
		Received received = new Received();
		RedisBroker broker = startNode(received);
		subscribe(broker, "orders");
		publish(broker, "orders", 2, RETENTION);
		StreamPosition before = received.awaitCount(2).get(1).position();

		redis.get().stop();
		Awaitility.await().atMost(RECOVERY).until(() -> !broker.status().up());
		redis.get().start();
		Awaitility.await().atMost(RECOVERY).until(() -> broker.status().up() && broker.isListening("orders"));
		await(broker.publishRecorded(new Publication("orders", "{\"after\":true}", null), RETENTION));

		StreamPosition after = received.awaitCount(3).get(2).position();
		assertThat(before.offset()).isEqualTo(2);
		assertThat(after.epoch()).isNotEqualTo(before.epoch());
		assertThat(after.offset()).isOne();
	}

	@Test
	void aRecordedPublicationDuringAnOutageReachesThisNodeAtOnceWithoutAPosition() throws Exception {
		Received received = new Received();
		RedisBroker broker = startNode(received);
		subscribe(broker, "orders");
		redis.get().stop();
		Awaitility.await().atMost(RECOVERY).until(() -> !broker.status().up());
		long localOnly = broker.status().localOnly();
		Publication publication = new Publication("orders", "{\"during\":\"outage\"}", null);

		await(broker.publishRecorded(publication, RETENTION));

		assertThat(received.all()).containsExactly(publication);
		assertThat(broker.status().localOnly()).isEqualTo(localOnly + 1);
		assertThat(broker.status().recorded()).isZero();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> await(broker.history("orders", -1, 10, RETENTION)))
			.withMessageContaining("Redis is unreachable");
	}

	@Test
	void scriptsRedisForgotAreSentAgain() throws Exception {
		Received received = new Received();
		RedisBroker broker = startNode(received);
		subscribe(broker, "orders");
		publish(broker, "orders", 1, RETENTION);

		assertThat(redis.get().command("SCRIPT", "FLUSH")).startsWith("+OK");
		publish(broker, "orders", 1, RETENTION);
		assertThat(redis.get().command("SCRIPT", "FLUSH")).startsWith("+OK");

		assertThat(offsets(await(broker.history("orders", -1, 10, RETENTION)))).containsExactly(1L, 2L);
		assertThat(received.stays(2)).extracting((publication) -> publication.position().offset())
			.containsExactly(1L, 2L);
	}

	@Test
	void theStatusCountsRecordedPublicationsSentAndReceived() throws Exception {
		RedisBroker publisher = startNode(new Received());
		Received received = new Received();
		RedisBroker other = startNode(received);
		subscribe(other, "orders");

		publish(publisher, "orders", 3, RETENTION);
		await(publisher.publish(new Publication("orders", "{\"plain\":true}", null)));

		received.stays(4);
		assertThat(publisher.status().recorded()).isEqualTo(3);
		assertThat(publisher.status().published()).isEqualTo(4);
		assertThat(other.status().receivedRecorded()).isEqualTo(3);
		assertThat(other.status().received()).isEqualTo(4);
		assertThat(publisher.status().receivedRecorded()).isZero();
	}

	// the app's prefix first, so that ACLs and scans by prefix see them; the Redis
	// channel as the hash tag, so that they share its slot on Redis Cluster
	@Test
	void aChannelsHistoryKeysAreTheAppsAndExpireWithTheTimeToLive() throws Exception {
		Broker broker = startNode(new Received());
		publish(broker, "orders", 1, RETENTION);
		String app = this.nodes.keys().channel("");
		String tag = "{" + app + "orders}";
		String root = app.substring(0, app.length() - "channel:".length());

		for (String key : List.of(root + "position:" + tag, root + "history:" + tag)) {
			String ttl = redis.get().command("PTTL", key);
			assertThat(Long.parseLong(ttl.substring(1).trim())).as(key)
				.isBetween(1L, RETENTION.timeToLive().toMillis());
		}
	}

}
