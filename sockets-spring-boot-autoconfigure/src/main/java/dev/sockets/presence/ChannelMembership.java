package dev.sockets.presence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.sockets.broker.Broker;
import dev.sockets.broker.ChannelCache;
import dev.sockets.broker.Publication;
import dev.sockets.channel.ChannelOccupiedEvent;
import dev.sockets.channel.ChannelSubscriptions;
import dev.sockets.channel.ChannelVacatedEvent;
import dev.sockets.channel.PresenceMember;
import dev.sockets.connection.Connection;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.protocol.ChannelName;
import dev.sockets.protocol.ChannelType;
import dev.sockets.protocol.Events;
import dev.sockets.protocol.Frame;
import dev.sockets.protocol.Frames;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Internal: joining and leaving channels once a subscription is authorized: the local
 * subscription, the counts and members in the {@link PresenceStore}, the presence
 * protocol ({@code subscription_succeeded} with the members, {@code member_added} to the
 * others for a user's first connection, {@code member_removed} after its last), and the
 * application events, each published once per real change.
 */
public final class ChannelMembership {

	private static final Log logger = LogFactory.getLog(ChannelMembership.class);

	private final ChannelSubscriptions subscriptions;

	private final PresenceStore store;

	private final Broker broker;

	private final JsonMapper jsonMapper;

	private final ApplicationEventPublisher events;

	private final int maxMembers;

	private final int maxUserInfoSize;

	private final ChannelCache cache;

	private final SubscriptionCounts subscriptionCounts;

	/**
	 * Creates the membership rules.
	 * @param subscriptions this node's subscriptions
	 * @param store counts, members and users
	 * @param broker carries member_added and member_removed to every node
	 * @param jsonMapper writes member data
	 * @param events publishes the application events
	 * @param maxMembers the most users a presence channel may hold
	 * @param maxUserInfoSize the largest {@code user_info} of a member, in bytes of JSON
	 * @param cache the last events of cache channels, sent to new subscribers
	 * @param subscriptionCounts announces subscriber counts, when enabled
	 */
	public ChannelMembership(ChannelSubscriptions subscriptions, PresenceStore store, Broker broker,
			JsonMapper jsonMapper, ApplicationEventPublisher events, int maxMembers, int maxUserInfoSize,
			ChannelCache cache, SubscriptionCounts subscriptionCounts) {
		this.subscriptions = subscriptions;
		this.store = store;
		this.broker = broker;
		this.jsonMapper = jsonMapper;
		this.events = events;
		this.maxMembers = maxMembers;
		this.maxUserInfoSize = maxUserInfoSize;
		this.cache = cache;
		this.subscriptionCounts = subscriptionCounts;
	}

	/**
	 * Records the user of a new connection authenticated at the handshake.
	 * @param connection the connection
	 */
	public void opened(Connection connection) {
		String userId = connection.userId();
		if (userId != null) {
			this.store.addUserConnection(userId, connection.socketId());
			// authenticated at the handshake counts as signed in: messages to the user
			// reach this connection without pusher.signin()
			String userChannel = "#server-to-user-" + userId;
			if (ChannelName.problem(userChannel) == null && this.subscriptions.subscribe(userChannel, connection)) {
				occupy(userChannel, connection);
			}
		}
	}

	/**
	 * Subscribes an authorized connection and tells it so.
	 * @param connection the connection
	 * @param channel the channel
	 * @param member for a presence channel, the member it joins as
	 */
	public void join(Connection connection, String channel, @Nullable PresenceMember member) {
		PresenceStore.Join join = null;
		if (member != null) {
			if (member.userInfo() != null
					&& this.jsonMapper.writeValueAsBytes(member.userInfo()).length > this.maxUserInfoSize) {
				connection.send(Frames.subscriptionError(channel, "LimitReached",
						"The member's user_info exceeds " + this.maxUserInfoSize + " bytes", 4301));
				return;
			}
			try {
				join = this.store.addMember(channel, connection.socketId(), member, this.maxMembers);
			}
			catch (PresenceUnavailableException ex) {
				connection.send(Frames.subscriptionError(channel, "ServerError", ex.getMessage(), 503));
				return;
			}
			if (join == PresenceStore.Join.FULL) {
				connection.send(Frames.subscriptionError(channel, "LimitReached",
						"The presence channel is full: it holds at most " + this.maxMembers + " members", 4100));
				return;
			}
			connection.joinedAs(channel, member.userId(), member.userInfo());
			if (connection.assignUser(member.userId())) {
				this.store.addUserConnection(member.userId(), connection.socketId());
			}
		}
		long count = -1;
		if (this.subscriptions.subscribe(channel, connection)) {
			count = occupy(channel, connection);
		}
		if (connection.isClosed()) {
			// closed while joining: its close may already have cleaned up, so undo here
			leave(connection, channel);
			return;
		}
		if (member == null) {
			succeeded(connection, channel, Frames.subscriptionSucceeded(channel), count);
			return;
		}
		if (join == PresenceStore.Join.ADDED) {
			// the others first: whoever subscribes after this sees the member in its
			// list,
			// not announced again
			this.broker.publish(new Publication(channel,
					Frames.event(Events.MEMBER_ADDED, channel, memberData(member, true)), connection.socketId()));
			announce(new MemberAddedEvent(this, channel, member));
		}
		succeeded(connection, channel, Frames.event(Events.SUBSCRIPTION_SUCCEEDED, channel, presenceData(channel)),
				count);
	}

	// Answered once the broker hears the channel from every node, so the subscriber
	// misses nothing published after it was told; a cache channel's last event follows
	// at once, as pusher-js expects, then the new subscription count to everyone.
	private void succeeded(Connection connection, String channel, Frame succeeded, long count) {
		CompletableFuture<Void> listening = this.broker.whenListening(channel).toCompletableFuture();
		Runnable answer = () -> {
			if (!connection.channels().contains(channel)) {
				return;
			}
			connection.send(succeeded);
			if (ChannelName.isCache(channel)) {
				ChannelCache.CachedEvent cached = this.cache.get(channel);
				connection.send((cached != null) ? Frame.of(cached.frame()) : Frames.cacheMiss(channel));
			}
			this.subscriptionCounts.changed(channel, count);
		};
		// the broker completes on its client's thread, which must not wait for the cache:
		// back on the connection's lane
		CompletableFuture<Void> answered = listening.isDone() ? listening.thenRun(answer)
				: listening.thenRunAsync(answer, connection.lane());
		answered.exceptionally((ex) -> {
			logger.warn("Could not answer the subscription of " + connection.socketId() + " to " + channel, ex);
			return null;
		});
	}

	/**
	 * Unsubscribes a connection; for a presence channel, the others hear of it when it
	 * was its user's last connection there.
	 * @param connection the connection
	 * @param channel the channel
	 * @return {@code true} if it was subscribed
	 */
	public boolean leave(Connection connection, String channel) {
		boolean left = this.subscriptions.unsubscribe(channel, connection);
		if (ChannelType.of(channel) == ChannelType.PRESENCE) {
			PresenceMember gone = this.store.removeMember(channel, connection.socketId());
			if (gone != null) {
				this.broker.publish(new Publication(channel,
						Frames.event(Events.MEMBER_REMOVED, channel, memberData(gone, false)), connection.socketId()));
				announce(new MemberRemovedEvent(this, channel, gone));
			}
		}
		if (left) {
			long count = this.store.removeSubscriber(channel, connection.socketId());
			if (count == 0) {
				announce(new ChannelVacatedEvent(this, channel));
			}
			this.subscriptionCounts.changed(channel, count);
		}
		return left;
	}

	/**
	 * Unsubscribes a closed connection from everything and forgets its user.
	 * @param connection the connection
	 */
	public void leaveAll(Connection connection) {
		try {
			for (String channel : new ArrayList<>(connection.channels())) {
				leave(connection, channel);
			}
			String userId = connection.userId();
			if (userId != null) {
				this.store.removeUserConnection(userId, connection.socketId());
			}
		}
		catch (RuntimeException ex) {
			// e.g. the Redis connection already closed at shutdown: a shared store's
			// sweep
			// removes what this node left once its heartbeat stops
			logger.debug("Could not remove closed connection " + connection.socketId() + " from the store", ex);
			for (String channel : new ArrayList<>(connection.channels())) {
				this.subscriptions.unsubscribe(channel, connection);
			}
		}
	}

	/**
	 * Publishes to a channel's subscribers on every node.
	 * @param publication the publication
	 */
	public void publish(Publication publication) {
		this.broker.publish(publication);
	}

	/**
	 * Records that a connection signed in as a user.
	 * @param connection the connection
	 * @param userId the user
	 * @param userInfo the signed {@code user_info}, or {@code null}
	 */
	public void signedIn(Connection connection, String userId, @Nullable Object userInfo) {
		if (connection.assignUser(userId)) {
			this.store.addUserConnection(userId, connection.socketId());
		}
		connection.signedIn(userInfo);
	}

	/**
	 * This node's subscribers of a channel.
	 * @param channel the channel
	 * @return a weakly consistent view
	 */
	java.util.Collection<Connection> subscribers(String channel) {
		return this.subscriptions.subscribers(channel);
	}

	/**
	 * Brings this node's entries in the store up to date after the store lost them (Redis
	 * restarted without its data, or swept this node during a long partition) or missed
	 * changes while unreachable: records users, subscriber counts and presence members
	 * again, announcing members who are new again to the others, then removes what is
	 * gone, announcing members who left meanwhile.
	 * @param connections this node's connections
	 */
	void restore(ConnectionRegistry connections) {
		// each connection on its own lane, so what is recorded is what it holds, not a
		// subscription it is leaving meanwhile; a failure fails the restore, retried
		// later
		CompletableFuture
			.allOf(connections.all()
				.stream()
				.map((connection) -> CompletableFuture.runAsync(() -> record(connection), connection.lane()))
				.toArray(CompletableFuture[]::new))
			.join();
		departed(this.store.removeStale(new PresenceStore.LiveSockets() {

			@Override
			public boolean isOpen(String socketId) {
				return connections.get(socketId) != null;
			}

			@Override
			public boolean isSubscribed(String socketId, String channel) {
				Connection connection = connections.get(socketId);
				return connection != null && connection.channels().contains(channel);
			}

		}));
	}

	private void record(Connection connection) {
		if (connection.isClosed()) {
			return;
		}
		String userId = connection.userId();
		if (userId != null) {
			this.store.addUserConnection(userId, connection.socketId());
		}
		for (String channel : connection.channels()) {
			this.store.addSubscriber(channel, connection.socketId());
			Connection.Membership membership = connection.membership(channel);
			if (membership == null) {
				continue;
			}
			PresenceMember member = new PresenceMember(membership.userId(), membership.userInfo());
			if (this.store.addMember(channel, connection.socketId(), member,
					Integer.MAX_VALUE) == PresenceStore.Join.ADDED) {
				this.broker.publish(new Publication(channel,
						Frames.event(Events.MEMBER_ADDED, channel, memberData(member, true)), connection.socketId()));
			}
		}
	}

	/**
	 * Announces the members who left with a node that stopped, or whose leaving the store
	 * could not record at the time.
	 * @param departures what the store removed
	 */
	void departed(List<PresenceStore.Departure> departures) {
		for (PresenceStore.Departure departure : departures) {
			this.broker.publish(new Publication(departure.channel(),
					Frames.event(Events.MEMBER_REMOVED, departure.channel(), memberData(departure.member(), false)),
					null));
			announce(new MemberRemovedEvent(this, departure.channel(), departure.member()));
		}
	}

	// the subscriber count afterwards, -1 when unknown
	private long occupy(String channel, Connection connection) {
		long count = this.store.addSubscriber(channel, connection.socketId());
		if (count == 1) {
			announce(new ChannelOccupiedEvent(this, channel));
		}
		return count;
	}

	// {"presence":{"ids":[…],"hash":{id:info},"count":n}}, as pusher-js's Members reads
	// it
	private String presenceData(String channel) {
		List<PresenceMember> members = this.store.members(channel);
		List<String> ids = new ArrayList<>(members.size());
		Map<String, Object> hash = new LinkedHashMap<>();
		for (PresenceMember member : members) {
			ids.add(member.userId());
			hash.put(member.userId(), member.userInfo());
		}
		Map<String, Object> presence = new LinkedHashMap<>();
		presence.put("ids", ids);
		presence.put("hash", hash);
		presence.put("count", ids.size());
		return this.jsonMapper.writeValueAsString(Map.of("presence", presence));
	}

	private String memberData(PresenceMember member, boolean withInfo) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("user_id", member.userId());
		if (withInfo && member.userInfo() != null) {
			data.put("user_info", member.userInfo());
		}
		return this.jsonMapper.writeValueAsString(data);
	}

	// The application's listeners run inline; one that throws must not leave the protocol
	// half done (a member announced to others but never told it joined).
	private void announce(Object event) {
		try {
			this.events.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.error("An application listener failed on " + event.getClass().getSimpleName(), ex);
		}
	}

}
