package dev.sockets.redis;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * How the broker talks pub/sub to Redis, asynchronously: classic
 * {@code PUBLISH}/{@code SUBSCRIBE}, or sharded {@code SPUBLISH}/{@code SSUBSCRIBE} on
 * Redis Cluster. No method waits for Redis, except {@link #connect}.
 */
interface PubSub {

	/**
	 * Opens the connections, waiting for Redis; called on the broker's own thread until
	 * it succeeds.
	 * @param listener told of messages and of what Redis confirmed, on a Redis client
	 * thread
	 * @throws RuntimeException when Redis is not reachable
	 */
	void connect(Listener listener);

	/**
	 * Whether {@link #connect} succeeded.
	 * @return {@code true} once connected (reconnects are the client's own business)
	 */
	boolean isConnected();

	/**
	 * Whether a publication would be sent now, rather than refused because the publishing
	 * connection is down.
	 * @return {@code true} while the publishing connection is open
	 */
	boolean canPublish();

	/**
	 * Subscribes to channels; Redis confirms each through the listener.
	 * @param channels the Redis channels
	 * @return completes when Redis answered, or fails
	 */
	CompletionStage<?> subscribe(List<String> channels);

	/**
	 * Unsubscribes from channels; Redis confirms each through the listener.
	 * @param channels the Redis channels
	 * @return completes when Redis answered, or fails
	 */
	CompletionStage<?> unsubscribe(List<String> channels);

	/**
	 * Publishes without waiting: many publications are in flight at once on one
	 * connection (pipelined), in order per calling thread.
	 * @param channel the Redis channel
	 * @param body the message
	 * @return completes when Redis acknowledged the publication; cancelling it keeps a
	 * publication still buffered by the client from being sent
	 */
	CompletionStage<?> publish(String channel, byte[] body);

	/**
	 * Whether this transport is sharded pub/sub.
	 * @return {@code true} for {@code SPUBLISH}/{@code SSUBSCRIBE}
	 */
	boolean sharded();

	/**
	 * Closes the transport's connections.
	 */
	void destroy();

	/**
	 * Told what Redis sends.
	 */
	interface Listener {

		/**
		 * A message on a subscribed channel.
		 * @param channel the Redis channel
		 * @param body the message
		 */
		void message(byte[] channel, byte[] body);

		/**
		 * Redis confirmed a subscription, after a subscribe or a reconnect.
		 * @param channel the Redis channel
		 */
		void subscribed(String channel);

		/**
		 * Redis confirmed an unsubscription.
		 * @param channel the Redis channel
		 */
		void unsubscribed(String channel);

		/**
		 * The subscribing connection was lost: nothing is subscribed until Redis confirms
		 * again.
		 */
		void disconnected();

	}

}
