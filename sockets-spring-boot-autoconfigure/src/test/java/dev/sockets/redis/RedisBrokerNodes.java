package dev.sockets.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.sockets.broker.BrokerListener;
import org.awaitility.Awaitility;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Redis brokers as nodes of one app on a test's {@code redis-server}, each on a
 * connection factory of its own; closed, brokers first, after each test. Each instance is
 * an app of its own, so nothing one test publishes reaches another.
 */
final class RedisBrokerNodes implements AutoCloseable {

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final RedisKeys keys = new RedisKeys("test:", UUID.randomUUID().toString());

	private long nodes;

	RedisKeys keys() {
		return this.keys;
	}

	/**
	 * Starts a node and waits until it hears its own canary: until then its publications
	 * are local only.
	 */
	RedisBroker start(int redisPort, BrokerListener listener, int maxInFlight, Duration maxPublishDelay) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory("127.0.0.1", redisPort);
		factory.afterPropertiesSet();
		factory.start();
		this.resources.add(factory::destroy);
		RedisBroker broker = RedisBroker.create(factory, this.keys, ++this.nodes,
				new RedisBrokerSettings(Duration.ofMillis(200), maxInFlight, maxPublishDelay, false));
		this.resources.add(0, broker::destroy);
		broker.start(listener);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> broker.status().up());
		return broker;
	}

	@Override
	public void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		this.resources.clear();
	}

}
