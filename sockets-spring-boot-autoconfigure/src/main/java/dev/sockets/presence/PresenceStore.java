package dev.sockets.presence;

import java.util.List;
import java.util.concurrent.CompletionStage;

import dev.sockets.channel.PresenceMember;
import org.jspecify.annotations.Nullable;

/**
 * Where the members of presence channels live, counted per user across connections. The
 * local implementation answers for this node; a shared one (Redis) for the whole cluster,
 * which makes {@link RoomManager} and the member events cluster-wide. Its companion
 * {@link ConnectionIndex} counts subscriptions and indexes users; one class usually
 * implements both.
 * <p>
 * Guarantees an implementation must give: each method is atomic on its own, so that of
 * two connections of one user joining or leaving at once, exactly one sees the member
 * {@link Join#ADDED added} or removed. Methods are idempotent for the same socket id. No
 * method blocks: each returns a stage that completes within a bounded time (a shared
 * store's timeout), on any thread; failing with {@link PresenceUnavailableException} when
 * the store cannot answer.
 * <p>
 * What callers promise: the calls that change one record (a socket's membership of one
 * channel) come one at a time, each after the previous one's stage completed, in the
 * order the socket did things. Calls about different records may overlap: a closing
 * connection leaves all its channels at once, so a shared store can pipeline them.
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
	CompletionStage<Join> addMember(String channel, String socketId, PresenceMember member, int maxMembers);

	/**
	 * Removes a connection from a presence channel. A store that cannot record it now
	 * completes with {@code null} and records it later (see {@link NodeRecovery}).
	 * @param channel the presence channel
	 * @param socketId the connection
	 * @return the member, if this was the last connection of its user in the channel;
	 * {@code null} otherwise (the user is still present, or the connection was no member)
	 */
	CompletionStage<@Nullable PresenceMember> removeMember(String channel, String socketId);

	/**
	 * The members of a presence channel, each user once.
	 * @param channel the presence channel
	 * @return the members, in the order they joined
	 */
	CompletionStage<List<PresenceMember>> members(String channel);

	/**
	 * How many distinct users a presence channel holds, without reading their info.
	 * @param channel the presence channel
	 * @return the number of members; 0 when nobody is in it
	 */
	CompletionStage<Integer> memberCount(String channel);

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
