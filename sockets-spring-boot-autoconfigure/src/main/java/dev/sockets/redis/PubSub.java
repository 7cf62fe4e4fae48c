package dev.sockets.redis;

/**
 * How the broker talks pub/sub to Redis: classic {@code PUBLISH}/{@code SUBSCRIBE}, or
 * sharded {@code SPUBLISH}/{@code SSUBSCRIBE} on Redis Cluster.
 */
interface PubSub {

	/**
	 * Starts delivering messages of subscribed channels to a handler.
	 * @param handler receives each message's channel and body, on a Redis client thread
	 */
	void start(MessageHandler handler);

	/**
	 * Subscribes to a channel; the subscription survives reconnects.
	 * @param channel the Redis channel
	 */
	void subscribe(String channel);

	/**
	 * Unsubscribes from a channel.
	 * @param channel the Redis channel
	 */
	void unsubscribe(String channel);

	/**
	 * Publishes, waiting for Redis.
	 * @param channel the Redis channel
	 * @param body the message
	 * @throws RuntimeException when Redis cannot take it
	 */
	void publish(String channel, byte[] body);

	/**
	 * Called while the node cannot hear its own canary: subscribes again if the
	 * subscriptions were lost and not recovered by the client.
	 */
	void recover();

	/**
	 * Whether this transport is sharded pub/sub.
	 * @return {@code true} for {@code SPUBLISH}/{@code SSUBSCRIBE}
	 */
	boolean sharded();

	/**
	 * Closes the transport's connections.
	 */
	void destroy() throws Exception;

	/**
	 * Receives messages.
	 */
	@FunctionalInterface
	interface MessageHandler {

		void onMessage(byte[] channel, byte[] body);

	}

}
