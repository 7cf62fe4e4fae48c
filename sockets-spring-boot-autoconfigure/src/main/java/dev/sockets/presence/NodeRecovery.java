package dev.sockets.presence;

import java.util.List;

import dev.sockets.channel.PresenceMember;

/**
 * Internal: how a shared store keeps the cluster's presence true when nodes stop or lose
 * touch with it. Called periodically from one background thread of each node (never a
 * connection's), so its methods may wait for the store. A store of one node has nothing
 * to recover and implements none of this.
 */
public interface NodeRecovery {

	/**
	 * Removes what nodes that stopped running left behind (their connections' members,
	 * subscriptions and users), so their members do not stay present forever.
	 * @return the members who left presence channels and the channels left without a
	 * subscriber as a result, to be announced
	 */
	Leftovers removeDepartedNodes();

	/**
	 * Whether this node's entries in the store may be out of date: the store lost them (a
	 * shared store restarted without its data, or the other nodes swept this node during
	 * a long partition), or changes could not be recorded while it was unreachable. The
	 * node then records its connections again (the {@code add} methods, which are
	 * idempotent), calls {@link #removeStale(LiveSockets)} and then {@link #restored()}.
	 * @return {@code true} when the node should restore its entries now
	 */
	boolean needsRestore();

	/**
	 * Removes this node's entries for connections and subscriptions that are gone: those
	 * whose removal could not be recorded while the store was unreachable.
	 * @param live what this node's connections are now
	 * @return the members who left presence channels and the channels left without a
	 * subscriber as a result, to be announced
	 */
	Leftovers removeStale(LiveSockets live);

	/**
	 * The node restored its entries after {@link #needsRestore()}.
	 * @throws PresenceUnavailableException when some of the restore could not be
	 * recorded; {@link #needsRestore()} then stays {@code true}
	 */
	void restored();

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
	 * What the removal of departed nodes changed.
	 *
	 * @param departures the members who left presence channels
	 * @param vacated the channels that have no subscriber left in the cluster
	 */
	record Leftovers(List<Departure> departures, List<String> vacated) {

		/** Nothing changed. */
		public static final Leftovers NONE = new Leftovers(List.of(), List.of());

		/**
		 * Whether nothing changed.
		 * @return {@code true} when no member left and no channel was vacated
		 */
		public boolean isEmpty() {
			return this.departures.isEmpty() && this.vacated.isEmpty();
		}

	}

}
