package dev.sockets.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.sockets.broker.BrokerContractTests.Received;
import dev.sockets.broker.BrokerListener;
import dev.sockets.broker.ClusterHistoryContractTests;
import dev.sockets.broker.Publication;
import dev.sockets.test.RedisClusterProcesses;
import dev.sockets.test.RedisProcess;
import dev.sockets.test.RedisServerExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history contract for {@link RedisBroker} on a three-master Redis Cluster with
 * sharded pub/sub (Redis 7 and later): a channel's script touches its keys and publishes
 * to its Redis channel on the one shard that owns them all.
 */
class RedisClusterHistoryIntegrationTests extends ClusterHistoryContractTests {

	@RegisterExtension
	static final RedisServerExtension<RedisClusterProcesses> cluster = RedisServerExtension.cluster();

	private static boolean sharded;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final RedisKeys keys = new RedisKeys("test:", UUID.randomUUID().toString());

	private long nodes;

	@BeforeAll
	static void checkVersion() throws IOException {
		sharded = Double.parseDouble(RedisProcess.version()) >= 7;
		if (!sharded) {
			System.err.println("WARNING: redis-server " + RedisProcess.version()
					+ " has no sharded pub/sub: testing histories with classic pub/sub on the cluster only");
		}
	}

	@AfterEach
	void closeResources() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	// channels enough to span the three shards: each is recorded and heard where its
	// Redis channel's slot is
	@Test
	void channelsOnEveryShardAreRecordedAndHeard() throws Exception {
		Received received = new Received();
		RedisBroker broker = startNode(received);
		List<String> channels = IntStream.range(0, 24).mapToObj((i) -> "orders-" + i).toList();
		channels.forEach((channel) -> subscribe(broker, channel));

		channels.forEach((channel) -> publish(broker, channel, 1, RETENTION));

		assertThat(received.stays(channels.size())).extracting(Publication::channel)
			.containsExactlyInAnyOrderElementsOf(channels);
		for (String channel : channels) {
			assertThat(offsets(await(broker.history(channel, -1, 10, RETENTION)))).as(channel).containsExactly(1L);
		}
	}

	@Override
	protected RedisBroker startNode(BrokerListener listener) {
		RedisClusterConfiguration configuration = new RedisClusterConfiguration(
				Arrays.asList(cluster.get().nodesProperty().split(",")));
		LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
		factory.afterPropertiesSet();
		factory.start();
		this.resources.add(factory::destroy);
		RedisBroker broker = RedisBroker.create(factory, this.keys, ++this.nodes,
				new RedisBrokerSettings(Duration.ofMillis(200), 10_000, Duration.ofSeconds(5), true));
		this.resources.add(0, broker::destroy);
		broker.start(listener);
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> broker.status().up());
		assertThat(broker.status().sharded()).isEqualTo(sharded);
		return broker;
	}

}
