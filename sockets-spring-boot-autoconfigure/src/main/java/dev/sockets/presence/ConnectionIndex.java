package dev.sockets.presence;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Which connections subscribe to each channel, counted, and which connections each user
 * has: what {@link RoomManager}, the HTTP API and the occupied and vacated events read.
 * The local implementation answers for this node; a shared one (Redis) for the whole
 * cluster. The same guarantees hold as for {@link PresenceStore}: atomic methods,
 * idempotent per socket id (counting a subscription twice, or uncounting one that is not
 * counted, changes nothing and completes with {@code -1}), and stages that complete
 * within a bounded time without blocking; calls that change one record (a socket's count
 * in one channel, its place among one user's connections) come one at a time and in
 * order, while calls about different records may overlap. Writes the store cannot record
 * now complete normally and are recorded later (see {@link NodeRecovery}); reads it
 * cannot answer fail with {@link PresenceUnavailableException}.
 */
public interface ConnectionIndex {

	/**
	 * Counts a connection's subscription to a channel of any type.
	 * @param channel the channel
	 * @param socketId the connection
	 * @return the channel's subscriber count afterwards, 1 meaning it just became
	 * occupied; {@code -1} when nothing changed (already counted, or the store could not
	 * record it now)
	 */
	CompletionStage<Long> addSubscriber(String channel, String socketId);

	/**
	 * Uncounts a connection's subscription.
	 * @param channel the channel
	 * @param socketId the connection
	 * @return the subscriber count afterwards, 0 meaning it was just vacated; {@code -1}
	 * when nothing changed (not counted, or the store could not record it now)
	 */
	CompletionStage<Long> removeSubscriber(String channel, String socketId);

	/**
	 * How many connections subscribe to a channel.
	 * @param channel the channel
	 * @return the count; 0 when vacant
	 */
	CompletionStage<Long> subscriberCount(String channel);

	/**
	 * The occupied channels whose names start with a prefix.
	 * @param prefix a name prefix; empty for all
	 * @return channel name to subscriber count, sorted by name
	 */
	CompletionStage<Map<String, Long>> occupiedChannels(String prefix);

	/**
	 * Records that a connection belongs to a user (its principal, or the member it joined
	 * a presence channel as).
	 * @param userId the user
	 * @param socketId the connection
	 * @return completes once recorded, or once the store gave up for now
	 */
	CompletionStage<Void> addUserConnection(String userId, String socketId);

	/**
	 * Forgets a connection of a user, e.g. when it closes.
	 * @param userId the user
	 * @param socketId the connection
	 * @return completes once recorded, or once the store gave up for now
	 */
	CompletionStage<Void> removeUserConnection(String userId, String socketId);

	/**
	 * The connections of a user.
	 * @param userId the user
	 * @return their socket ids; empty when the user is offline
	 */
	CompletionStage<List<String>> userConnections(String userId);

}
