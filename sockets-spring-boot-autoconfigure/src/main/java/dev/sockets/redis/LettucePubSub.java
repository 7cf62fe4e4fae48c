package dev.sockets.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import org.jspecify.annotations.Nullable;

/**
 * Pub/sub on the Lettuce client behind the application's connection factory, with two
 * connections of the broker's own: one publishes, pipelining many publications at once;
 * one subscribes, and Lettuce subscribes it again to every channel Redis had confirmed
 * when it reconnects. Classic {@code PUBLISH}/{@code SUBSCRIBE} on a standalone server,
 * Sentinel or Cluster (where Redis propagates every message to every shard), or sharded
 * {@code SPUBLISH}/{@code SSUBSCRIBE} on a Redis Cluster, where a channel's messages stay
 * on the shard that owns its slot. Scripts run on the publishing connection, so a script
 * that publishes is in order with the plain publications.
 */
final class LettucePubSub implements PubSub {

	private final AbstractRedisClient client;

	private final boolean sharded;

	private final RedisConnectionStateListener connectionState = new RedisConnectionStateListener() {

		// sharded subscriptions live on connections to each shard, which Lettuce opens
		// itself: any pub/sub connection of the client going down may have taken some
		@Override
		public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
			Listener listener = LettucePubSub.this.listener;
			boolean ours = (connection == LettucePubSub.this.subscribing)
					|| (LettucePubSub.this.sharded && connection instanceof StatefulRedisPubSubConnection);
			if (ours && listener != null) {
				listener.disconnected();
			}
		}

	};

	private volatile @Nullable StatefulConnection<byte[], byte[]> publishing;

	private volatile @Nullable BaseRedisAsyncCommands<byte[], byte[]> publisher;

	// the publisher again, as the scripting commands both Lettuce's standalone and its
	// cluster commands have
	private volatile @Nullable RedisScriptingAsyncCommands<byte[], byte[]> scripting;

	private volatile @Nullable StatefulRedisPubSubConnection<byte[], byte[]> subscribing;

	private volatile @Nullable Listener listener;

	private boolean destroyed;

	LettucePubSub(AbstractRedisClient client, boolean sharded) {
		if (sharded && !(client instanceof RedisClusterClient)) {
			throw new IllegalArgumentException("Sharded pub/sub needs a Redis Cluster client");
		}
		this.client = client;
		this.sharded = sharded;
	}

	@Override
	public synchronized void connect(Listener listener) {
		if (this.destroyed) {
			throw new IllegalStateException("Destroyed");
		}
		this.listener = listener;
		if (this.subscribing == null) {
			StatefulRedisPubSubConnection<byte[], byte[]> connection = connectPubSub();
			connection.addListener(new Forwarder(listener));
			this.client.addListener(this.connectionState);
			this.subscribing = connection;
		}
		if (this.publishing == null) {
			if (this.client instanceof RedisClusterClient cluster) {
				StatefulRedisClusterConnection<byte[], byte[]> connection = cluster.connect(ByteArrayCodec.INSTANCE);
				this.scripting = connection.async();
				this.publisher = connection.async();
				this.publishing = connection;
			}
			else {
				StatefulRedisConnection<byte[], byte[]> connection = ((RedisClient) this.client)
					.connect(ByteArrayCodec.INSTANCE);
				this.scripting = connection.async();
				this.publisher = connection.async();
				this.publishing = connection;
			}
		}
	}

	private StatefulRedisPubSubConnection<byte[], byte[]> connectPubSub() {
		if (this.client instanceof RedisClusterClient cluster) {
			StatefulRedisClusterPubSubConnection<byte[], byte[]> connection = cluster
				.connectPubSub(ByteArrayCodec.INSTANCE);
			// sharded messages arrive on the connections to the shards; pass them up
			connection.setNodeMessagePropagation(this.sharded);
			return connection;
		}
		return ((RedisClient) this.client).connectPubSub(ByteArrayCodec.INSTANCE);
	}

	@Override
	public boolean isConnected() {
		return this.subscribing != null && this.publisher != null;
	}

	@Override
	public boolean canPublish() {
		StatefulConnection<byte[], byte[]> connection = this.publishing;
		return connection != null && connection.isOpen();
	}

	@Override
	public CompletionStage<?> subscribe(List<String> channels) {
		RedisPubSubAsyncCommands<byte[], byte[]> commands = subscriber();
		if (commands == null) {
			return notConnected();
		}
		if (!this.sharded) {
			return commands.subscribe(bytes(channels));
		}
		// channels of different slots cannot share one SSUBSCRIBE
		return CompletableFuture.allOf(channels.stream()
			.map((channel) -> commands.ssubscribe(bytes(channel)).toCompletableFuture())
			.toArray(CompletableFuture[]::new));
	}

	@Override
	public CompletionStage<?> unsubscribe(List<String> channels) {
		RedisPubSubAsyncCommands<byte[], byte[]> commands = subscriber();
		if (commands == null) {
			return notConnected();
		}
		if (!this.sharded) {
			return commands.unsubscribe(bytes(channels));
		}
		return CompletableFuture.allOf(channels.stream()
			.map((channel) -> commands.sunsubscribe(bytes(channel)).toCompletableFuture())
			.toArray(CompletableFuture[]::new));
	}

	@Override
	public CompletionStage<?> publish(String channel, byte[] body) {
		// nothing is buffered while disconnected, to go out late: the caller is told now
		BaseRedisAsyncCommands<byte[], byte[]> commands = this.publisher;
		StatefulConnection<byte[], byte[]> connection = this.publishing;
		if (commands == null || connection == null || !connection.isOpen()) {
			return notConnected();
		}
		byte[] name = bytes(channel);
		return this.sharded ? commands.spublish(name, body) : commands.publish(name, body);
	}

	@Override
	public <T> CompletableFuture<T> eval(LuaScript<T> script, List<String> keys, List<byte[]> args) {
		RedisScriptingAsyncCommands<byte[], byte[]> commands = this.scripting;
		StatefulConnection<byte[], byte[]> connection = this.publishing;
		if (commands == null || connection == null || !connection.isOpen()) {
			return CompletableFuture.failedFuture(new IllegalStateException("Not connected to Redis"));
		}
		ScriptOutputType type = outputType(script.resultType());
		byte[][] keyBytes = bytes(keys);
		byte[][] values = args.toArray(new byte[0][]);
		CompletableFuture<T> answer = new CompletableFuture<>();
		RedisFuture<T> bySha = commands.evalsha(script.sha1(), type, keyBytes, values);
		answer.whenComplete((result, failure) -> bySha.cancel(false));
		bySha.whenComplete((result, failure) -> {
			if (!(failure instanceof RedisNoScriptException)) {
				complete(answer, result, failure);
			}
			else if (!answer.isDone()) {
				RedisFuture<T> byText = commands.eval(script.text().getBytes(StandardCharsets.UTF_8), type, keyBytes,
						values);
				answer.whenComplete((again, failedAgain) -> byText.cancel(false));
				byText.whenComplete((again, failedAgain) -> complete(answer, again, failedAgain));
			}
		});
		return answer;
	}

	private static <T> void complete(CompletableFuture<T> answer, @Nullable T result, @Nullable Throwable failure) {
		if (failure != null) {
			answer.completeExceptionally(failure);
		}
		else {
			answer.complete(result);
		}
	}

	private static ScriptOutputType outputType(Class<?> resultType) {
		if (resultType == Long.class) {
			return ScriptOutputType.INTEGER;
		}
		if (resultType == List.class) {
			return ScriptOutputType.MULTI;
		}
		throw new IllegalArgumentException("A script returns a Long or a List here, not " + resultType.getName());
	}

	@Override
	public void load(List<LuaScript<?>> scripts) {
		RedisScriptingAsyncCommands<byte[], byte[]> commands = this.scripting;
		if (commands != null) {
			for (LuaScript<?> script : scripts) {
				commands.scriptLoad(script.text().getBytes(StandardCharsets.UTF_8));
			}
		}
	}

	// nothing is buffered while disconnected: the broker resubscribes once Redis is back
	private @Nullable RedisPubSubAsyncCommands<byte[], byte[]> subscriber() {
		StatefulRedisPubSubConnection<byte[], byte[]> connection = this.subscribing;
		return (connection != null && connection.isOpen()) ? connection.async() : null;
	}

	@Override
	public boolean sharded() {
		return this.sharded;
	}

	@Override
	public synchronized void destroy() {
		this.destroyed = true;
		this.client.removeListener(this.connectionState);
		StatefulRedisPubSubConnection<byte[], byte[]> subscribing = this.subscribing;
		if (subscribing != null) {
			subscribing.close();
		}
		StatefulConnection<byte[], byte[]> publishing = this.publishing;
		if (publishing != null) {
			publishing.close();
		}
	}

	private static CompletionStage<?> notConnected() {
		return CompletableFuture.failedFuture(new IllegalStateException("Not connected to Redis"));
	}

	private static byte[] bytes(String channel) {
		return channel.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[][] bytes(List<String> channels) {
		byte[][] names = new byte[channels.size()][];
		for (int i = 0; i < names.length; i++) {
			names[i] = bytes(channels.get(i));
		}
		return names;
	}

	private static String string(byte[] channel) {
		return new String(channel, StandardCharsets.UTF_8);
	}

	// classic and sharded alike: a cluster connection propagating its shards' messages
	// tells plain listeners too
	private static final class Forwarder extends RedisPubSubAdapter<byte[], byte[]> {

		private final Listener listener;

		Forwarder(Listener listener) {
			this.listener = listener;
		}

		@Override
		public void message(byte[] channel, byte[] message) {
			this.listener.message(channel, message);
		}

		@Override
		public void smessage(byte[] channel, byte[] message) {
			this.listener.message(channel, message);
		}

		@Override
		public void subscribed(byte[] channel, long count) {
			this.listener.subscribed(string(channel));
		}

		@Override
		public void ssubscribed(byte[] channel, long count) {
			this.listener.subscribed(string(channel));
		}

		@Override
		public void unsubscribed(byte[] channel, long count) {
			this.listener.unsubscribed(string(channel));
		}

		@Override
		public void sunsubscribed(byte[] channel, long count) {
			this.listener.unsubscribed(string(channel));
		}

	}

}
