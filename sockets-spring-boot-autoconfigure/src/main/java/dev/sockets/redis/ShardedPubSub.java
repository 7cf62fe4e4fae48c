package dev.sockets.redis;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sharded pub/sub on Redis Cluster ({@code SPUBLISH}/{@code SSUBSCRIBE}, Redis 7+), on
 * the Lettuce cluster client behind the application's connection factory: a channel's
 * messages stay on the shard that owns its slot instead of crossing every shard. Spring
 * Data Redis's listener container offers classic pub/sub only, hence Lettuce directly.
 * The subscriptions this node needs are remembered and issued again when Lettuce
 * reconnects without them.
 */
final class ShardedPubSub implements PubSub {

	private static final Log logger = LogFactory.getLog(ShardedPubSub.class);

	private final RedisClusterClient client;

	private final long timeoutMillis;

	private final Set<String> channels = ConcurrentHashMap.newKeySet();

	private volatile @Nullable StatefulRedisClusterConnection<byte[], byte[]> publishing;

	private volatile @Nullable StatefulRedisClusterPubSubConnection<byte[], byte[]> subscribing;

	private volatile @Nullable MessageHandler handler;

	ShardedPubSub(RedisClusterClient client, long timeoutMillis) {
		this.client = client;
		this.timeoutMillis = timeoutMillis;
	}

	@Override
	public void start(MessageHandler handler) {
		this.handler = handler;
		recover();
	}

	@Override
	public void subscribe(String channel) {
		this.channels.add(channel);
		StatefulRedisClusterPubSubConnection<byte[], byte[]> connection = this.subscribing;
		if (connection != null) {
			await(connection.async().ssubscribe(bytes(channel)));
		}
	}

	@Override
	public void unsubscribe(String channel) {
		this.channels.remove(channel);
		StatefulRedisClusterPubSubConnection<byte[], byte[]> connection = this.subscribing;
		if (connection != null) {
			await(connection.async().sunsubscribe(bytes(channel)));
		}
	}

	@Override
	public void publish(String channel, byte[] body) {
		StatefulRedisClusterConnection<byte[], byte[]> connection = this.publishing;
		if (connection == null) {
			connection = this.client.connect(ByteArrayCodec.INSTANCE);
			this.publishing = connection;
		}
		connection.sync().spublish(bytes(channel), body);
	}

	@Override
	public void recover() {
		try {
			StatefulRedisClusterPubSubConnection<byte[], byte[]> connection = this.subscribing;
			if (connection == null || !connection.isOpen()) {
				connection = this.client.connectPubSub(ByteArrayCodec.INSTANCE);
				// messages arrive on the connections to the shards; pass them up
				connection.setNodeMessagePropagation(true);
				connection.addListener(new RedisClusterPubSubAdapter<>() {

					@Override
					public void smessage(RedisClusterNode node, byte[] channel, byte[] message) {
						MessageHandler handler = ShardedPubSub.this.handler;
						if (handler != null) {
							handler.onMessage(channel, message);
						}
					}

				});
				this.subscribing = connection;
			}
			for (String channel : this.channels) {
				await(connection.async().ssubscribe(bytes(channel)));
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Redis Cluster is not reachable yet; subscribing again later", ex);
		}
	}

	@Override
	public boolean sharded() {
		return true;
	}

	private void await(java.util.concurrent.Future<?> future) {
		try {
			future.get(this.timeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Sharded subscription failed", ex);
		}
	}

	private static byte[] bytes(String channel) {
		return channel.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void destroy() {
		StatefulRedisClusterPubSubConnection<byte[], byte[]> subscribing = this.subscribing;
		if (subscribing != null) {
			subscribing.close();
		}
		StatefulRedisClusterConnection<byte[], byte[]> publishing = this.publishing;
		if (publishing != null) {
			publishing.close();
		}
	}

}
