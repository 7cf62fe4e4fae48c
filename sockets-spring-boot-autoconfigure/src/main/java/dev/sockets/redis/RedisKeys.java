package dev.sockets.redis;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Internal: the names this app uses in Redis, all under {@code {prefix}{appId}:} so that
 * applications sharing one Redis never see each other's traffic: {@code …channel:{name}}
 * for a channel's publications, {@code …position:{…}} and {@code …history:{…}} for its
 * history, and {@code …node:{node}:canary} for a node's health canary.
 */
public final class RedisKeys {

	private final String root;

	private final String subscribers;

	/**
	 * Creates the naming of one app.
	 * @param prefix the configured prefix, e.g. {@code sockets:}
	 * @param appId the app id
	 */
	public RedisKeys(String prefix, String appId) {
		this.root = prefix + appId + ":";
		// one hash tag for all subscriber counts, so a script can update a node's share
		// and the total together on Redis Cluster
		this.subscribers = this.root + "subscribers:{" + appId + "}";
	}

	/**
	 * The pub/sub channel carrying a channel's publications.
	 * @param channel the channel name
	 * @return the Redis channel
	 */
	String channel(String channel) {
		return this.root + "channel:" + channel;
	}

	/**
	 * The channel name a Redis channel carries.
	 * @param redisChannel the raw Redis channel name
	 * @return the channel name, or {@code null} if it is not one of ours
	 */
	@Nullable String channelOf(byte[] redisChannel) {
		String name = new String(redisChannel, StandardCharsets.UTF_8);
		String prefix = this.root + "channel:";
		return name.startsWith(prefix) ? name.substring(prefix.length()) : null;
	}

	/**
	 * The hash of a channel's history position: its epoch ({@code e}) and its last offset
	 * ({@code o}). The channel's Redis channel is the key's hash tag, so on Redis Cluster
	 * the key lives on the shard that owns the Redis channel's slot, with
	 * {@link #history}, and one script can touch both and publish there (also with
	 * sharded pub/sub).
	 * @param channel the channel name
	 * @return the key
	 */
	String position(String channel) {
		return this.root + "position:{" + channel(channel) + "}";
	}

	/**
	 * The stream of a channel's recorded events, each entry's id being its offset
	 * ({@code <offset>-0}) and its field {@code m} the message with its position.
	 * @param channel the channel name
	 * @return the key, in the slot of {@link #position} and of the channel's Redis
	 * channel
	 */
	String history(String channel) {
		return this.root + "history:{" + channel(channel) + "}";
	}

	/**
	 * A key of a presence channel; the channel is a hash tag, so all of one channel's
	 * keys live on one Redis Cluster shard and its scripts can touch them together.
	 * @param channel the presence channel
	 * @param part {@code sockets}, {@code users}, {@code members}, {@code order} or
	 * {@code seq}
	 * @return the key
	 */
	String presence(String channel, String part) {
		return this.root + "presence:{" + channel + "}:" + part;
	}

	/**
	 * The hash of every channel's subscriber count across the cluster.
	 * @return the key
	 */
	String subscribers() {
		return this.subscribers;
	}

	/**
	 * The hash of a node's share of each channel's subscriber count.
	 * @param node the node number
	 * @return the key, in the same hash slot as {@link #subscribers()}
	 */
	String subscribers(long node) {
		return this.subscribers + ":node:" + node;
	}

	/**
	 * The set of a node's connections counted as subscribers of a channel, which makes
	 * counting idempotent.
	 * @param node the node number
	 * @param channel the channel
	 * @return the key, in the same hash slot as {@link #subscribers()}
	 */
	String subscribers(long node, String channel) {
		return subscribers(node) + ":channel:" + channel;
	}

	/**
	 * The last event of a cache channel.
	 * @param channel the cache channel
	 * @return the key
	 */
	String cache(String channel) {
		return this.root + "cache:" + channel;
	}

	/**
	 * The set of a user's connections.
	 * @param userId the user
	 * @return the key
	 */
	String user(String userId) {
		return this.root + "user:" + userId;
	}

	/**
	 * The set of nodes that have registered.
	 * @return the key
	 */
	String nodes() {
		return this.root + "nodes";
	}

	/**
	 * A key of a node's own bookkeeping.
	 * @param node the node number
	 * @param part {@code alive}, {@code registered}, {@code users}, {@code presence} or
	 * {@code sweep}
	 * @return the key
	 */
	String node(long node, String part) {
		return this.root + "node:" + node + ":" + part;
	}

	/**
	 * The hash of failed webhook requests kept for their retries, one field per request.
	 * @return the key
	 */
	String webhooks() {
		return this.root + "webhooks";
	}

	/**
	 * The pub/sub channel a node publishes its canary to and listens on.
	 * @param node the node number
	 * @return the Redis channel
	 */
	String canary(long node) {
		return this.root + "node:" + node + ":canary";
	}

}
