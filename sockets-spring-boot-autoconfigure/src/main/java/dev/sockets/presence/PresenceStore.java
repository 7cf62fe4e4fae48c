package dev.sockets.presence;

import java.util.List;
import java.util.Map;

import dev.sockets.channel.PresenceMember;
import org.jspecify.annotations.Nullable;

/**
 * Where presence lives: the members of presence channels, counted per user across
 * connections; how many connections subscribe to each channel; and which connections each
 * user has. The local implementation answers for this node; a shared one (Redis) for the
 * whole cluster, which makes {@link RoomManager} and the member events cluster-wide.
 * <p>
 * Guarantees an implementation must give: each method is atomic on its own, so that of
 * two connections of one user joining or leaving at once, exactly one sees the member
 * {@link Join#ADDED added} or removed; calls for one socket id come from one thread at a
 * time, in the order the socket did things. Member and user methods are idempotent for
 * the same socket id, and so are subscriber counts: counting a subscription twice, or
 * uncounting one that is not counted, changes nothing and returns {@code -1}. Methods are
 * called on WebSocket and authorizer threads and must not block for long.
 */
public interface PresenceStore {

	/**
	 * Adds a connection as a member of a presence channel.
	 * @param channel the presence channel
	 * @param socketId the connection
	 * @param member the member it joins as
	 * @param maxMembers the most distinct users the channel may hold
	 * @return whether the user is new to the channel, already in it through another
	 * connection (or this one), or refused because the channel is full
	 */
	Join addMember(String channel, String socketId, PresenceMember member, int maxMembers);

	/**
	 * Removes a connection from a presence channel.
	 * @param channel the presence channel
	 * @param socketId the connection
	 * @return the member, if this was the last connection of its user in the channel;
	 * {@code null} otherwise (the user is still present, or the connection was no member)
	 */
	@Nullable PresenceMember removeMember(String channel, String socketId);

	/**
	 * The members of a presence channel, each user once.
	 * @param channel the presence channel
	 * @return the members, in the order they joined
	 */
	List<PresenceMember> members(String channel);

	/**
	 * Counts a connection's subscription to a channel of any type.
	 * @param channel the channel
	 * @param socketId the connection
	 * @return the channel's subscriber count afterwards, 1 meaning it just became
	 * occupied; {@code -1} when nothing changed (already counted, or the store could not
	 * record it now)
	 */
	long addSubscriber(String channel, String socketId);

	/**
	 * Uncounts a connection's subscription.
	 * @param channel the channel
	 * @param socketId the connection
	 * @return the subscriber count afterwards, 0 meaning it was just vacated; {@code -1}
	 * when nothing changed (not counted, or the store could not record it now)
	 */
	long removeSubscriber(String channel, String socketId);

	/**
	 * How many connections subscribe to a channel.
	 * @param channel the channel
	 * @return the count; 0 when vacant
	 */
	long subscriberCount(String channel);

	/**
	 * The occupied channels whose names start with a prefix.
	 * @param prefix a name prefix; empty for all
	 * @return channel name to subscriber count, sorted by name
	 */
	Map<String, Long> occupiedChannels(String prefix);

	/**
	 * Records that a connection belongs to a user (its principal, or the member it joined
	 * a presence channel as).
	 * @param userId the user
	 * @param socketId the connection
	 */
	void addUserConnection(String userId, String socketId);

	/**
	 * Forgets a connection of a user, e.g. when it closes.
	 * @param userId the user
	 * @param socketId the connection
	 */
	void removeUserConnection(String userId, String socketId);

	/**
	 * The connections of a user.
	 * @param userId the user
	 * @return their socket ids; empty when the user is offline
	 */
	List<String> userConnections(String userId);

	/**
	 * Removes what nodes that stopped running left behind (their connections' members,
	 * subscriptions and users), so their members do not stay present forever. Called
	 * periodically on every node; a store of one node has nothing to do.
	 * @return the members who left presence channels as a result, to be announced
	 */
	default List<Departure> removeDepartedNodes() {
		return List.of();
	}

	/**
	 * Whether this node's entries in the store may be out of date: the store lost them (a
	 * shared store restarted without its data, or the other nodes swept this node during
	 * a long partition), or changes could not be recorded while it was unreachable. The
	 * node then records its connections again (the {@code add} methods, which are
	 * idempotent), calls {@link #removeStale(LiveSockets)} and then {@link #restored()}.
	 * @return {@code true} when the node should restore its entries now
	 */
	default boolean needsRestore() {
		return false;
	}

	/**
	 * Removes this node's entries for connections and subscriptions that are gone: those
	 * whose removal could not be recorded while the store was unreachable.
	 * @param live what this node's connections are now
	 * @return the members who left presence channels as a result, to be announced
	 */
	default List<Departure> removeStale(LiveSockets live) {
		return List.of();
	}

	/**
	 * The node restored its entries after {@link #needsRestore()}.
	 * @throws PresenceUnavailableException when some of the restore could not be
	 * recorded; {@link #needsRestore()} then stays {@code true}
	 */
	default void restored() {
	}

	/**
	 * This node's connections as they are now, for {@link #removeStale}.
	 */
	interface LiveSockets {

		/**
		 * Whether a connection of this node is open.
		 * @param socketId the connection
		 * @return {@code true} while it is open
		 */
		boolean isOpen(String socketId);

		/**
		 * Whether a connection of this node subscribes to a channel.
		 * @param socketId the connection
		 * @param channel the channel
		 * @return {@code true} while it is open and subscribed
		 */
		boolean isSubscribed(String socketId, String channel);

	}

	/**
	 * A member who left a presence channel with a node that stopped.
	 *
	 * @param channel the presence channel
	 * @param member the member
	 */
	record Departure(String channel, PresenceMember member) {

	}

	/**
	 * The outcome of {@link #addMember}.
	 */
	enum Join {

		/** The user's first connection in the channel: announce the member. */
		ADDED,

		/** The user was already a member through another connection: stay quiet. */
		PRESENT,

		/** The channel holds the most members it may; the connection was not added. */
		FULL

	}

}
