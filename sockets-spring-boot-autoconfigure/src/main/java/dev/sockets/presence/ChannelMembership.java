package dev.sockets.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.sockets.broker.Broker;
import dev.sockets.broker.ChannelCache;
import dev.sockets.broker.Publication;
import dev.sockets.broker.Retention;
import dev.sockets.broker.StreamPosition;
import dev.sockets.channel.CacheMissEvent;
import dev.sockets.channel.SubscriptionCountEvent;
import dev.sockets.channel.ClientEventRelayedEvent;
import dev.sockets.channel.Namespaces;
import dev.sockets.channel.ChannelOccupiedEvent;
import dev.sockets.channel.ChannelSubscriptions;
import dev.sockets.channel.ChannelVacatedEvent;
import dev.sockets.channel.PresenceMember;
import dev.sockets.connection.ChannelStream;
import dev.sockets.connection.Connection;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.connection.Lane;
import dev.sockets.protocol.ChannelName;
import dev.sockets.protocol.ChannelType;
import dev.sockets.protocol.Events;
import dev.sockets.protocol.Frame;
import dev.sockets.protocol.Frames;
import dev.sockets.protocol.PusherError;
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

	private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

	private static final Duration RESTORE_WAIT = Duration.ofSeconds(30);

	private final ChannelSubscriptions subscriptions;

	private final PresenceStore store;

	private final ConnectionIndex index;

	private final Broker broker;

	private final JsonMapper jsonMapper;

	private final ApplicationEventPublisher events;

	private final Namespaces namespaces;

	private final int maxUserInfoSize;

	private final ChannelCache cache;

	private final SubscriptionCounts subscriptionCounts;

	private final ChannelRecovery recovery;

	/**
	 * Creates the membership rules.
	 * @param subscriptions this node's subscriptions
	 * @param store the members of presence channels
	 * @param index subscriber counts and users' connections
	 * @param broker carries member_added and member_removed to every node
	 * @param jsonMapper writes member data
	 * @param events publishes the application events
	 * @param namespaces the settings of each channel: the most users a presence channel
	 * may hold among them
	 * @param maxUserInfoSize the largest {@code user_info} of a member, in bytes of JSON
	 * @param cache the last events of cache channels, sent to new subscribers
	 * @param subscriptionCounts announces subscriber counts, when enabled
	 * @param recovery answers subscriptions to channels with a history
	 */
	public ChannelMembership(ChannelSubscriptions subscriptions, PresenceStore store, ConnectionIndex index,
			Broker broker, JsonMapper jsonMapper, ApplicationEventPublisher events, Namespaces namespaces,
			int maxUserInfoSize, ChannelCache cache, SubscriptionCounts subscriptionCounts, ChannelRecovery recovery) {
		this.subscriptions = subscriptions;
		this.store = store;
		this.index = index;
		this.broker = broker;
		this.jsonMapper = jsonMapper;
		this.events = events;
		this.namespaces = namespaces;
		this.maxUserInfoSize = maxUserInfoSize;
		this.cache = cache;
		this.subscriptionCounts = subscriptionCounts;
		this.recovery = recovery;
	}

	/**
	 * Records the user of a new connection authenticated at the handshake. A step of the
	 * connection's lane.
	 * @param connection the connection
	 * @return completes when recorded
	 */
	public CompletableFuture<Void> opened(Connection connection) {
		String userId = connection.userId();
		if (userId == null) {
			return DONE;
		}
		CompletableFuture<Void> recorded = connection.lane()
			.resume(this.index.addUserConnection(userId, connection.socketId()));
		// authenticated at the handshake counts as signed in: messages to the user reach
		// this connection without pusher.signin()
		String userChannel = "#server-to-user-" + userId;
		if (ChannelName.problem(userChannel) != null || !this.subscriptions.subscribe(userChannel, connection)) {
			return recorded;
		}
		return CompletableFuture.allOf(recorded, occupy(userChannel, connection));
	}

	/**
	 * How many connections a user holds, on every node with a shared store. A step of the
	 * asking connection's lane.
	 * @param connection the connection that asks
	 * @param userId the user
	 * @return the count
	 */
	public CompletableFuture<Integer> connectionCount(Connection connection, String userId) {
		return connection.lane().resume(this.index.userConnections(userId)).thenApply(List::size);
	}

	/**
	 * Subscribes an authorized connection and tells it so. A step of the connection's
	 * lane.
	 * @param connection the connection
	 * @param channel the channel
	 * @param member for a presence channel, the member it joins as
	 * @return completes when the connection was answered; fails (with
	 * {@link PresenceUnavailableException} when the store cannot answer) having left
	 * nothing behind, for the caller to answer the client
	 */
	public CompletableFuture<Void> join(Connection connection, String channel, @Nullable PresenceMember member) {
		return join(connection, channel, member, null);
	}

	/**
	 * Subscribes an authorized connection and tells it so; on a channel with a history,
	 * with the position it continues from, and the events it missed since the position it
	 * sent. A step of the connection's lane.
	 * @param connection the connection
	 * @param channel the channel
	 * @param member for a presence channel, the member it joins as
	 * @param since the last position the subscriber saw on the channel, or {@code null}
	 * @return completes when the connection was answered; fails (with
	 * {@link PresenceUnavailableException} when the store cannot answer) having left
	 * nothing behind, for the caller to answer the client
	 */
	public CompletableFuture<Void> join(Connection connection, String channel, @Nullable PresenceMember member,
			@Nullable StreamPosition since) {
		Retention history = ChannelName.isReserved(channel) ? null : this.namespaces.history(channel);
		if (member == null) {
			Recovery recovery = follow(connection, channel, history, since);
			long[] count = { -1 };
			CompletableFuture<Void> counted = DONE;
			if (this.subscriptions.subscribe(channel, connection)) {
				counted = occupy(channel, connection).thenAccept((known) -> count[0] = known);
			}
			return counted.thenCompose((ignored) -> {
				if (connection.isClosed()) {
					// closed while joining: its close may already have cleaned up, so
					// undo
					return leave(connection, channel).thenApply((left) -> null);
				}
				int maxSubscribers = this.namespaces.of(channel).maxSubscribers();
				if (count[0] > maxSubscribers && !ChannelName.isReserved(channel)) {
					// counted across the cluster first, so two nodes cannot both take the
					// last place; the one over it gives its place back
					return giveBack(connection, channel).thenRun(() -> connection.send(Frames.subscriptionError(channel,
							"LimitReached", "The channel holds at most " + maxSubscribers + " subscribers",
							PusherError.OVER_CAPACITY.code())));
				}
				return succeeded(connection, channel, Frames.subscriptionSucceeded(channel), count[0], recovery);
			});
		}
		if (member.userInfo() != null
				&& this.jsonMapper.writeValueAsBytes(member.userInfo()).length > this.maxUserInfoSize) {
			connection.send(Frames.subscriptionError(channel, "LimitReached",
					"The member's user_info exceeds " + this.maxUserInfoSize + " bytes",
					PusherError.CLIENT_EVENT_REJECTED.code()));
			return DONE;
		}
		// a repeated subscribe that fails must not undo the subscription it repeats
		boolean repeated = connection.channels().contains(channel);
		int maxMembers = this.namespaces.of(channel).maxMembers();
		Recovery recovery = follow(connection, channel, history, since);
		connection.beginJoin(channel);
		CompletableFuture<Void> joined = connection.lane()
			.resume(this.store.addMember(channel, connection.socketId(), member, maxMembers))
			.thenCompose((join) -> {
				if (join == PresenceStore.Join.FULL) {
					connection.unfollowHistory(channel);
					connection.send(Frames.subscriptionError(channel, "LimitReached",
							"The presence channel is full: it holds at most " + maxMembers + " members",
							PusherError.OVER_CAPACITY.code()));
					return DONE;
				}
				// whatever fails from here is undone before member_added goes out, so
				// nobody hears of a member that was never told it joined
				return admit(connection, channel, member, join, recovery).exceptionallyCompose((failure) -> {
					CompletableFuture<Boolean> undone = repeated ? CompletableFuture.completedFuture(false)
							: leave(connection, channel, false);
					return undone.handle((left, ignored) -> {
						throw (failure instanceof CompletionException completion) ? completion
								: new CompletionException(failure);
					});
				});
			});
		return joined.whenComplete((done, failure) -> connection.endJoin(channel));
	}

	// the member is in the store: subscribe here, count, and read the list it gets, at
	// once; then tell the others and the joiner
	private CompletableFuture<Void> admit(Connection connection, String channel, PresenceMember member,
			PresenceStore.Join join, Recovery recovery) {
		Lane lane = connection.lane();
		connection.joinedAs(channel, member.userId(), member.userInfo());
		CompletableFuture<Void> user = connection.assignUser(member.userId())
				? lane.resume(this.index.addUserConnection(member.userId(), connection.socketId())) : DONE;
		CompletableFuture<Long> count = this.subscriptions.subscribe(channel, connection) ? occupy(channel, connection)
				: CompletableFuture.completedFuture(-1L);
		CompletableFuture<List<PresenceMember>> members = lane.resume(this.store.members(channel));
		return CompletableFuture.allOf(user, count, members).thenCompose((ignored) -> {
			if (connection.isClosed()) {
				// closed while joining: its close may already have cleaned up, so undo
				return leave(connection, channel).thenApply((left) -> null);
			}
			if (join == PresenceStore.Join.ADDED) {
				// the others first: whoever subscribes after this sees the member in its
				// list, not announced again
				this.broker.publish(new Publication(channel,
						Frames.eventText(Events.MEMBER_ADDED, channel, memberData(member, true)),
						connection.socketId()));
				announce(new MemberAddedEvent(this, channel, member));
			}
			return succeeded(connection, channel,
					Frames.event(Events.SUBSCRIPTION_SUCCEEDED, channel, presenceData(members.join())), count.join(),
					recovery);
		});
	}

	// Answered once the broker hears the channel from every node, so the subscriber
	// misses nothing published after it was told; a cache channel's last event follows
	// at once, as pusher-js expects, then the new subscription count to everyone.
	private CompletableFuture<Void> succeeded(Connection connection, String channel, Frame succeeded, long count,
			Recovery recovery) {
		CompletableFuture<Void> listening = this.broker.whenListening(channel).toCompletableFuture();
		if (listening.isDone() && !listening.isCompletedExceptionally()) {
			return answer(connection, channel, succeeded, count, recovery);
		}
		// the broker completes on its client's thread: back on the connection's lane,
		// where whatever happened meanwhile (an unsubscribe) has run
		listening.whenComplete((confirmed, failure) -> {
			if (failure != null) {
				logger.warn("Could not answer the subscription of " + connection.socketId() + " to " + channel,
						failure);
				return;
			}
			connection.lane().executeAsync(() -> answer(connection, channel, succeeded, count, recovery));
		});
		return DONE;
	}

	private CompletableFuture<Void> answer(Connection connection, String channel, Frame succeeded, long count,
			Recovery recovery) {
		if (!connection.channels().contains(channel)) {
			return DONE;
		}
		if (recovery.history() == null && recovery.since() == null) {
			connection.send(succeeded);
			return afterAnswer(connection, channel, count, false);
		}
		return this.recovery
			.answer(connection, channel, succeeded, recovery.history(), recovery.since(), recovery.stream())
			.thenCompose((recovered) -> afterAnswer(connection, channel, count, recovery.since() != null));
	}

	// a subscriber that came back with a position either has the events it missed, or
	// was told to reload: no cached event (older than what followed it) nor cache_miss
	private CompletableFuture<Void> afterAnswer(Connection connection, String channel, long count, boolean cameBack) {
		if (!ChannelName.isCache(channel) || cameBack || !connection.channels().contains(channel)) {
			countChanged(channel, count);
			return DONE;
		}
		return connection.lane().resume(this.cache.get(channel)).thenAccept((cached) -> {
			if (cached != null) {
				connection.send(Frame.of(cached.frame()));
			}
			else {
				connection.send(Frames.cacheMiss(channel));
				announce(new CacheMissEvent(this, channel));
			}
			countChanged(channel, count);
		});
	}

	// Before the connection is subscribed, so that no live event passes its stream
	// unseen. A repeated subscription keeps the stream it has: it missed nothing.
	private static Recovery follow(Connection connection, String channel, @Nullable Retention history,
			@Nullable StreamPosition since) {
		if (connection.channels().contains(channel)) {
			return new Recovery(history, null, null);
		}
		ChannelStream stream = (history != null) ? connection.followHistory(channel, since != null) : null;
		return new Recovery(history, since, stream);
	}

	// what a subscription asks of the channel's history, and the stream it follows it by
	private record Recovery(@Nullable Retention history, @Nullable StreamPosition since,
			@Nullable ChannelStream stream) {

	}

	/**
	 * Unsubscribes a connection; for a presence channel, the others hear of it when it
	 * was its user's last connection there. A step of the connection's lane: the local
	 * subscription ends at once, the store's records when the stage completes.
	 * @param connection the connection
	 * @param channel the channel
	 * @return completes with {@code true} if it was subscribed
	 */
	public CompletableFuture<Boolean> leave(Connection connection, String channel) {
		return leave(connection, channel, true);
	}

	// quietly, for a join undone before its member was announced: no member_removed
	// a place taken over the limit, given back quietly: the others' count never changed
	private CompletableFuture<Void> giveBack(Connection connection, String channel) {
		if (!this.subscriptions.unsubscribe(channel, connection)) {
			return DONE;
		}
		return connection.lane()
			.resume(this.index.removeSubscriber(channel, connection.socketId()))
			.thenAccept((count) -> {
				if (count == 0) {
					// the others left meanwhile
					announce(new ChannelVacatedEvent(this, channel));
				}
			});
	}

	private CompletableFuture<Boolean> leave(Connection connection, String channel, boolean announceMember) {
		boolean left = this.subscriptions.unsubscribe(channel, connection);
		Lane lane = connection.lane();
		CompletableFuture<@Nullable PresenceMember> gone = (ChannelType.of(channel) == ChannelType.PRESENCE)
				? lane.resume(this.store.removeMember(channel, connection.socketId()))
				: CompletableFuture.completedFuture(null);
		CompletableFuture<Long> count = left ? lane.resume(this.index.removeSubscriber(channel, connection.socketId()))
				: CompletableFuture.completedFuture(-1L);
		return CompletableFuture.allOf(gone, count).thenApply((ignored) -> {
			PresenceMember member = gone.join();
			if (member != null && announceMember) {
				this.broker.publish(new Publication(channel,
						Frames.eventText(Events.MEMBER_REMOVED, channel, memberData(member, false)),
						connection.socketId()));
				announce(new MemberRemovedEvent(this, channel, member));
			}
			if (left) {
				if (count.join() == 0) {
					announce(new ChannelVacatedEvent(this, channel));
				}
				countChanged(channel, count.join());
			}
			return left;
		});
	}

	/**
	 * Unsubscribes a closed connection from everything and forgets its user: every
	 * channel at once, so the store gets them in one pipeline. A step of the connection's
	 * lane.
	 * @param connection the connection
	 * @return completes when the store recorded it, or gave up (a shared store's sweep
	 * removes what a stopped node left behind)
	 */
	public CompletableFuture<Void> leaveAll(Connection connection) {
		List<CompletableFuture<?>> leaving = new ArrayList<>();
		for (String channel : new ArrayList<>(connection.channels())) {
			leaving.add(leave(connection, channel));
		}
		String userId = connection.userId();
		if (userId != null) {
			leaving.add(connection.lane().resume(this.index.removeUserConnection(userId, connection.socketId())));
		}
		return CompletableFuture.allOf(leaving.toArray(CompletableFuture[]::new)).exceptionally((failure) -> {
			logger.debug("Could not remove closed connection " + connection.socketId() + " from the store", failure);
			return null;
		});
	}

	/**
	 * Publishes to a channel's subscribers on every node.
	 * @param publication the publication
	 */
	public void publish(Publication publication) {
		this.broker.publish(publication);
	}

	/**
	 * Records that a connection signed in as a user. A step of the connection's lane.
	 * @param connection the connection
	 * @param userId the user
	 * @param userInfo the signed {@code user_info}, or {@code null}
	 * @return completes when recorded
	 */
	public CompletableFuture<Void> signedIn(Connection connection, String userId, @Nullable Object userInfo) {
		connection.signedIn(userInfo);
		if (!connection.assignUser(userId)) {
			return DONE;
		}
		return connection.lane().resume(this.index.addUserConnection(userId, connection.socketId()));
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
	 * gone, announcing members who left meanwhile. Waits, on the caller's thread.
	 * @param connections this node's connections
	 * @param recovery the store's recovery
	 */
	void restore(ConnectionRegistry connections, NodeRecovery recovery) {
		// each connection on its own lane, so what is recorded is what it holds, not a
		// subscription it is leaving meanwhile; a failure fails the restore, retried
		// later
		List<CompletableFuture<Void>> recorded = new ArrayList<>();
		for (Connection connection : connections.all()) {
			CompletableFuture<Void> done = new CompletableFuture<>();
			connection.lane().executeAsync(() -> {
				CompletableFuture<Void> recording;
				try {
					recording = record(connection);
				}
				catch (RuntimeException ex) {
					recording = CompletableFuture.failedFuture(ex);
				}
				return recording.whenComplete((ignored, failure) -> {
					if (failure != null) {
						done.completeExceptionally(failure);
					}
					else {
						done.complete(null);
					}
				});
			});
			recorded.add(done);
		}
		// bounded: a lane with much queued before the recording delays it, and the
		// sweep of departed nodes waits on this thread meanwhile; retried next time
		try {
			CompletableFuture.allOf(recorded.toArray(CompletableFuture[]::new))
				.get(RESTORE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PresenceUnavailableException("Interrupted while recording this node's connections again", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new PresenceUnavailableException("Could not record this node's connections again; trying later", ex);
		}
		departed(recovery.removeStale(new NodeRecovery.LiveSockets() {

			@Override
			public boolean isOpen(String socketId) {
				return connections.get(socketId) != null;
			}

			@Override
			public boolean isSubscribed(String socketId, String channel) {
				Connection connection = connections.get(socketId);
				// a join under way is in the store before it is here: not a leftover
				return connection != null && connection.holdsOrJoins(channel);
			}

		}));
	}

	// everything at once, so the store gets it in one pipeline
	private CompletableFuture<Void> record(Connection connection) {
		if (connection.isClosed()) {
			return DONE;
		}
		Lane lane = connection.lane();
		List<CompletableFuture<?>> recording = new ArrayList<>();
		String userId = connection.userId();
		if (userId != null) {
			recording.add(lane.resume(this.index.addUserConnection(userId, connection.socketId())));
		}
		for (String channel : connection.channels()) {
			recording.add(lane.resume(this.index.addSubscriber(channel, connection.socketId())));
			Connection.Membership membership = connection.membership(channel);
			if (membership == null) {
				continue;
			}
			PresenceMember member = new PresenceMember(membership.userId(), membership.userInfo());
			recording.add(lane.resume(this.store.addMember(channel, connection.socketId(), member, Integer.MAX_VALUE))
				.thenAccept((join) -> {
					if (join == PresenceStore.Join.ADDED) {
						this.broker.publish(new Publication(channel,
								Frames.eventText(Events.MEMBER_ADDED, channel, memberData(member, true)),
								connection.socketId()));
					}
				}));
		}
		return CompletableFuture.allOf(recording.toArray(CompletableFuture[]::new));
	}

	/**
	 * Announces the members who left with a node that stopped, or whose leaving the store
	 * could not record at the time, and the channels that node's departure left empty.
	 * @param leftovers what the store removed
	 */
	void departed(NodeRecovery.Leftovers leftovers) {
		for (NodeRecovery.Departure departure : leftovers.departures()) {
			this.broker.publish(new Publication(departure.channel(),
					Frames.eventText(Events.MEMBER_REMOVED, departure.channel(), memberData(departure.member(), false)),
					null));
			announce(new MemberRemovedEvent(this, departure.channel(), departure.member()));
		}
		for (String channel : leftovers.vacated()) {
			announce(new ChannelVacatedEvent(this, channel));
		}
	}

	// the subscriber count afterwards, -1 when unknown
	private CompletableFuture<Long> occupy(String channel, Connection connection) {
		return connection.lane().resume(this.index.addSubscriber(channel, connection.socketId())).thenApply((count) -> {
			if (count == 1) {
				announce(new ChannelOccupiedEvent(this, channel));
			}
			return count;
		});
	}

	// {"presence":{"ids":[…],"hash":{id:info},"count":n}}, as pusher-js's Members reads
	// it
	private String presenceData(List<PresenceMember> members) {
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

	private void countChanged(String channel, long count) {
		if (this.subscriptionCounts.changed(channel, count)) {
			announce(new SubscriptionCountEvent(this, channel, count));
		}
	}

	/**
	 * A client event went out to a channel's other subscribers: tells the application.
	 * @param event what was relayed
	 */
	public void relayed(ClientEventRelayedEvent event) {
		announce(event);
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
