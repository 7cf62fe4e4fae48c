package dev.sockets.redis;

import java.util.List;
import java.util.concurrent.CompletableFuture;
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
	 * Runs a Lua script without waiting, on the connection that publishes, in order with
	 * the publications: by its SHA-1, and by its text when Redis does not have it (it
	 * restarted, or its scripts were flushed). On a Redis Cluster it runs on the shard of
	 * its first key.
	 * @param <T> what the script returns: {@code Long} for an integer reply, {@code List}
	 * for an array one (of {@code byte[]}, {@code Long} and lists)
	 * @param script the script
	 * @param keys the keys it touches
	 * @param args its arguments
	 * @return completes with the script's reply, or fails; completing it first (a
	 * timeout, a cancel) keeps a script still buffered by the client from being sent
	 */
	<T> CompletableFuture<T> eval(LuaScript<T> script, List<String> keys, List<byte[]> args);

	/**
	 * Loads scripts into Redis (each master of a Redis Cluster) without waiting, so that
	 * running them later needs no second try with their text.
	 * @param scripts the scripts
	 */
	void load(List<LuaScript<?>> scripts);

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
