package dev.sockets.presence;

import java.util.List;
import java.util.Map;

import dev.sockets.channel.PresenceMember;

/**
 * Server-side view and control of channels and their members, for controllers and
 * scheduled jobs. Reads come from the {@link PresenceStore}, so with a shared store they
 * describe the whole cluster.
 * <p>
 * A user is identified by the connection's principal name or, for an anonymous
 * connection, by the user id it joined a presence channel with.
 * <p>
 * The reads wait for the store: with Redis, one round trip, at most
 * {@code sockets.redis.store-timeout}, after which they throw
 * {@link PresenceUnavailableException}. Call them from controllers and jobs, not from a
 * reactive or event-loop thread.
 */
public interface RoomManager {

	/**
	 * The members of a presence channel, each user once however many connections they
	 * have.
	 * @param channel a presence channel
	 * @return the members; empty when nobody is in it
	 */
	List<PresenceMember> members(String channel);

	/**
	 * Whether a user is a member of a presence channel.
	 * @param channel a presence channel
	 * @param userId the user
	 * @return {@code true} if at least one of the user's connections is in it
	 */
	boolean isMember(String channel, String userId);

	/**
	 * Whether a user has at least one open connection.
	 * @param userId the user
	 * @return {@code true} if online anywhere
	 */
	boolean isOnline(String userId);

	/**
	 * The connections of a user.
	 * @param userId the user
	 * @return their socket ids, on every node with a shared store; empty when offline
	 */
	List<String> connections(String userId);

	/**
	 * The channels that have subscribers.
	 * @param prefix only channels whose name starts with it; empty for all
	 * @return channel name to subscriber count, sorted by name
	 */
	Map<String, Long> occupiedChannels(String prefix);

	/**
	 * How many connections subscribe to a channel.
	 * @param channel the channel
	 * @return the count; 0 when vacant
	 */
	long subscriberCount(String channel);

	/**
	 * Unsubscribes every connection of a user from a channel, on every node. The others
	 * get {@code member_removed} for a presence channel; each removed connection gets a
	 * {@code pusher:subscription_error} (status 403) on the channel so the application
	 * can tell its user.
	 * @param channel the channel
	 * @param userId the user
	 * @return how many connections were removed on this node; the other nodes remove
	 * theirs as the command reaches them
	 */
	int removeFromChannel(String channel, String userId);

	/**
	 * Unsubscribes every connection from a channel, on every node; each gets a
	 * {@code pusher:subscription_error} (status 403) on it.
	 * @param channel the channel
	 * @return how many connections were unsubscribed on this node; the other nodes
	 * unsubscribe theirs as the command reaches them
	 */
	int closeChannel(String channel);

	/**
	 * Closes every connection signed in as a user (authenticated at the handshake, or
	 * with {@code pusher:signin}), on every node (on logout, say), with close code 4009,
	 * after which pusher-js does not reconnect; as the HTTP API's
	 * {@code terminate_connections}, connections that only joined presence channels as
	 * the user stay open ({@link #removeFromChannel} removes those). The others in its
	 * presence channels get {@code member_removed}.
	 * @param userId the user
	 * @return how many connections were closed on this node; the other nodes close theirs
	 * as the command reaches them
	 */
	int disconnect(String userId);

}
