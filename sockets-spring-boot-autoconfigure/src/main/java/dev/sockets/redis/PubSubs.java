package dev.sockets.redis;

import java.util.Properties;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * Chooses the pub/sub transport on the application's Lettuce client: sharded on a Redis
 * Cluster of version 7 or later (when allowed), classic everywhere else.
 */
final class PubSubs {

	private static final Log logger = LogFactory.getLog(PubSubs.class);

	private static final boolean LETTUCE_PRESENT = ClassUtils.isPresent("io.lettuce.core.cluster.RedisClusterClient",
			PubSubs.class.getClassLoader());

	private PubSubs() {
	}

	static PubSub choose(RedisConnectionFactory connectionFactory, boolean sharded) {
		if (!LETTUCE_PRESENT || !(connectionFactory instanceof LettuceConnectionFactory lettuce)) {
			throw new IllegalStateException("sockets.broker=redis needs Spring Data Redis on Lettuce (its default "
					+ "client), for asynchronous, pipelined publishing; found "
					+ connectionFactory.getClass().getName());
		}
		AbstractRedisClient client = lettuce.getRequiredNativeClient();
		if (sharded && client instanceof RedisClusterClient && supportsShardedPubSub(lettuce)) {
			logger.info("Redis broker uses sharded pub/sub (SPUBLISH/SSUBSCRIBE) on the Redis Cluster");
			return new LettucePubSub(client, true);
		}
		return new LettucePubSub(client, false);
	}

	// Redis 7 brought sharded pub/sub; when the cluster cannot be asked, assume a current
	// one
	private static boolean supportsShardedPubSub(LettuceConnectionFactory lettuce) {
		try (RedisClusterConnection connection = lettuce.getClusterConnection()) {
			Properties info = connection.serverCommands().info("server");
			String version = (info != null) ? info.getProperty("redis_version") : null;
			if (version == null) {
				// a cluster answers per node: "host:port.redis_version"
				version = info.stringPropertyNames()
					.stream()
					.filter((name) -> name.endsWith("redis_version"))
					.map(info::getProperty)
					.findFirst()
					.orElse("7");
			}
			int major = Integer
				.parseInt(version.substring(0, version.indexOf('.') > 0 ? version.indexOf('.') : version.length()));
			if (major < 7) {
				logger.info("Redis " + version + " has no sharded pub/sub: the Redis broker uses classic pub/sub");
			}
			return major >= 7;
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the Redis version; assuming sharded pub/sub is available", ex);
			return true;
		}
	}

}
