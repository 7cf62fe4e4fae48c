package dev.sockets.connection;

import java.security.Principal;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.sockets.protocol.Frame;
import dev.sockets.protocol.Frames;
import dev.sockets.protocol.PusherError;
import org.jspecify.annotations.Nullable;

/**
 * Internal: one client WebSocket: its socket id, its channels, its liveness, and its
 * outbound queue. {@link #send} never blocks, so a broadcast never waits on a slow
 * socket, and the socket is written asynchronously through its {@link Transport}. A
 * connection whose queue overflows, or whose write stalls past the send time limit, is
 * closed with {@link PusherError#OVER_CAPACITY} (pusher-js reconnects after a back-off).
 */
public final class Connection {

	private final String socketId;

	private final Transport transport;

	private final Outbound outbound;

	private final Set<String> channels = ConcurrentHashMap.newKeySet();

	// created on the first authorization that has to wait, so most connections never
	// pay for it
	private volatile @Nullable Set<String> authorizing;

	// channels whose join has reached the store but not yet this node's subscriptions
	private final Set<String> joining = ConcurrentHashMap.newKeySet(2);

	// the principal's name, or the user id of the first presence channel joined
	private volatile @Nullable String userId;

	private volatile boolean signedIn;

	private volatile @Nullable Object signedInUserInfo;

	// the user id this connection joined each presence channel as, for client events
	private final Map<String, Membership> presenceUsers = new ConcurrentHashMap<>(2);

	// a token bucket per allowance (a namespace's): tokens and when last refilled; none
	// until the connection sends a client event
	private @Nullable Map<Object, TokenBucket> clientEventAllowances;

	// the channels with a history: what was sent of each; none until the first
	private volatile @Nullable Map<String, ChannelStream> streams;

	private volatile long lastSeenAt = System.nanoTime();

	private volatile long pingSentAt;

	private final Lane lane;

	private Connection(String socketId, Transport transport, Outbound outbound, Lane lane) {
		this.socketId = socketId;
		this.transport = transport;
		this.lane = lane;
		this.outbound = outbound;
	}

	/**
	 * Wraps an open socket.
	 * @param socketId the connection's socket id
	 * @param transport the socket
	 * @param limits its outbound limits
	 * @return the connection
	 */
	public static Connection of(String socketId, Transport transport, OutboundLimits limits) {
		Outbound outbound = (transport instanceof QueueingTransport queueing)
				? new TransportOutbound(socketId, queueing) : new OutboundQueue(socketId, transport, limits);
		return new Connection(socketId, transport, outbound, new Lane(limits.lanes()));
	}

	/**
	 * The lane everything that changes this connection's state runs on, in order.
	 * @return the lane
	 */
	public Lane lane() {
		return this.lane;
	}

	/**
	 * The socket this connection writes to.
	 * @return the transport
	 */
	public Transport transport() {
		return this.transport;
	}

	/**
	 * The socket id, unique across the cluster.
	 * @return the socket id
	 */
	public String socketId() {
		return this.socketId;
	}

	/**
	 * The principal established at the handshake, if any.
	 * @return the principal or {@code null}
	 */
	public @Nullable Principal principal() {
		return this.transport.principal();
	}

	/**
	 * The user this connection belongs to: the principal's name, else the user id it
	 * first joined a presence channel as.
	 * @return the user id, or {@code null} while anonymous
	 */
	public @Nullable String userId() {
		String user = this.userId;
		if (user == null) {
			Principal principal = principal();
			user = (principal != null) ? principal.getName() : null;
		}
		return user;
	}

	/**
	 * The user this connection is signed in as: the principal established at the
	 * handshake, else the user of a {@code pusher:signin}. Unlike {@link #userId()}, a
	 * presence membership alone does not sign a connection in.
	 * @return the user id, or {@code null} when not signed in
	 */
	public @Nullable String signedInUserId() {
		Principal principal = principal();
		if (principal != null) {
			return principal.getName();
		}
		return this.signedIn ? this.userId : null;
	}

	/**
	 * The {@code user_info} of the {@code pusher:signin}, if any.
	 * @return the info, or {@code null}
	 */
	public @Nullable Object signedInUserInfo() {
		return this.signedInUserInfo;
	}

	/**
	 * Records a {@code pusher:signin} as the user this connection belongs to.
	 * @param userInfo the signed {@code user_info}, or {@code null}
	 */
	public void signedIn(@Nullable Object userInfo) {
		this.signedInUserInfo = userInfo;
		this.signedIn = true;
	}

	/**
	 * Records the user an anonymous connection joined a presence channel as; a connection
	 * that already belongs to a user keeps it.
	 * @param userId the user id
	 * @return {@code true} if the connection had no user before
	 */
	public synchronized boolean assignUser(String userId) {
		if (userId() != null) {
			return false;
		}
		this.userId = userId;
		return true;
	}

	/**
	 * Marks a join under way: the store may already hold it while this node does not list
	 * the subscription yet, and a restore must not take it for a leftover.
	 * @param channel the channel
	 */
	public void beginJoin(String channel) {
		this.joining.add(channel);
	}

	/**
	 * Ends a join, whatever its outcome.
	 * @param channel the channel
	 */
	public void endJoin(String channel) {
		this.joining.remove(channel);
	}

	/**
	 * Whether this connection holds a channel or is joining it.
	 * @param channel the channel
	 * @return {@code true} when subscribed here, or while a join is under way
	 */
	public boolean holdsOrJoins(String channel) {
		return this.channels.contains(channel) || this.joining.contains(channel);
	}

	/**
	 * Records the member this connection joined a presence channel as.
	 * @param channel the presence channel
	 * @param userId the member's user id
	 * @param userInfo the member's info, or {@code null}
	 */
	public void joinedAs(String channel, String userId, @Nullable Object userInfo) {
		this.presenceUsers.put(channel, new Membership(userId, userInfo));
	}

	/**
	 * The user id this connection joined a presence channel as.
	 * @param channel the presence channel
	 * @return the user id, or {@code null} when it is not a member
	 */
	public @Nullable String presenceUser(String channel) {
		Membership membership = this.presenceUsers.get(channel);
		return (membership != null) ? membership.userId() : null;
	}

	/**
	 * The member this connection joined a presence channel as.
	 * @param channel the presence channel
	 * @return the membership, or {@code null} when it is not a member
	 */
	public @Nullable Membership membership(String channel) {
		return this.presenceUsers.get(channel);
	}

	/**
	 * Counts a client event against a per-second limit: a burst of up to the limit, then
	 * the limit per second on average, for each allowance on its own.
	 * @param allowance what the limit is for (a channel namespace's settings)
	 * @param perSecond the most client events a connection may send in one second
	 * @return {@code false} when this one is over the limit
	 */
	public synchronized boolean tryClientEvent(Object allowance, int perSecond) {
		if (this.clientEventAllowances == null) {
			this.clientEventAllowances = new HashMap<>(2);
		}
		long now = System.nanoTime();
		TokenBucket bucket = this.clientEventAllowances.computeIfAbsent(allowance,
				(key) -> new TokenBucket(perSecond, now));
		bucket.tokens = Math.min(perSecond, bucket.tokens + (now - bucket.refilledAt) * perSecond / 1e9);
		bucket.refilledAt = now;
		if (bucket.tokens < 1) {
			return false;
		}
		bucket.tokens -= 1;
		return true;
	}

	// guarded by the connection's monitor
	private static final class TokenBucket {

		private double tokens;

		private long refilledAt;

		TokenBucket(double tokens, long refilledAt) {
			this.tokens = tokens;
			this.refilledAt = refilledAt;
		}

	}

	/**
	 * The channels this connection is subscribed to on this node.
	 * @return a live, unmodifiable view
	 */
	public Set<String> channels() {
		return Collections.unmodifiableSet(this.channels);
	}

	/**
	 * Records a subscription.
	 * @param channel the channel
	 * @return {@code false} if it was already held
	 */
	public boolean addChannel(String channel) {
		return this.channels.add(channel);
	}

	/**
	 * Forgets a subscription.
	 * @param channel the channel
	 * @return {@code false} if it was not held
	 */
	public boolean removeChannel(String channel) {
		this.presenceUsers.remove(channel);
		Map<String, ChannelStream> streams = this.streams;
		if (streams != null) {
			streams.remove(channel);
		}
		return this.channels.remove(channel);
	}

	/**
	 * Records that a subscription waits for the authorizers.
	 * @param channel the channel
	 * @return {@code false} if one already waits for this channel
	 */
	public boolean beginAuthorization(String channel) {
		Set<String> waiting = this.authorizing;
		if (waiting == null) {
			synchronized (this) {
				waiting = this.authorizing;
				if (waiting == null) {
					waiting = ConcurrentHashMap.newKeySet();
					this.authorizing = waiting;
				}
			}
		}
		return waiting.add(channel);
	}

	/**
	 * Ends a wait for the authorizers, or cancels it when the client unsubscribed
	 * meanwhile.
	 * @param channel the channel
	 * @return {@code true} if the subscription was still waiting, so its result counts
	 */
	public boolean endAuthorization(String channel) {
		Set<String> waiting = this.authorizing;
		return waiting != null && waiting.remove(channel);
	}

	/**
	 * How many subscriptions wait for the authorizers.
	 * @return the count
	 */
	public int authorizationsInProgress() {
		Set<String> waiting = this.authorizing;
		return (waiting != null) ? waiting.size() : 0;
	}

	/**
	 * Queues a frame without blocking.
	 * @param frame the frame
	 * @return {@code false} if the connection is closing or its buffer overflowed (the
	 * connection is then closed)
	 */
	public boolean send(Frame frame) {
		return this.outbound.offer(frame);
	}

	/**
	 * Starts following a channel's history, before the connection is subscribed to it:
	 * from then on its recorded frames are sent at most once each, in the order of their
	 * positions.
	 * @param channel the channel
	 * @param recovering whether live frames are held back until
	 * {@link #resume(String, ChannelStream, List, String, long)} sends the replay
	 * @return the stream followed, to resume it by
	 */
	public ChannelStream followHistory(String channel, boolean recovering) {
		Map<String, ChannelStream> streams = this.streams;
		if (streams == null) {
			synchronized (this) {
				streams = this.streams;
				if (streams == null) {
					streams = new ConcurrentHashMap<>(2);
					this.streams = streams;
				}
			}
		}
		ChannelStream stream = new ChannelStream(recovering);
		streams.put(channel, stream);
		return stream;
	}

	/**
	 * Queues a frame of a channel's history, unless it was sent already; held back while
	 * the channel recovers. Without a history followed for the channel, it is simply
	 * queued.
	 * @param channel the channel
	 * @param recorded the frame and its position
	 * @return {@code false} if it was not queued
	 */
	public boolean sendRecorded(String channel, RecordedFrame recorded) {
		Map<String, ChannelStream> streams = this.streams;
		ChannelStream stream = (streams != null) ? streams.get(channel) : null;
		return (stream != null) ? stream.offer(recorded, this.outbound) : this.outbound.offer(recorded.frame());
	}

	/**
	 * Ends a channel's recovery: queues the frames, continues after a position, and sends
	 * the live frames held back meanwhile that come after it.
	 * @param channel the channel
	 * @param stream the stream {@link #followHistory} returned for the recovery: a
	 * recovery answered after the channel was left and subscribed again does nothing
	 * @param frames the replayed events, or the notice that recovery failed
	 * @param epoch the epoch of the position to continue after
	 * @param offset its offset
	 * @return {@code false} if the connection no longer follows the channel's history
	 * with that stream, and nothing was queued
	 */
	public boolean resume(String channel, ChannelStream stream, List<RecordedFrame> frames, String epoch, long offset) {
		Map<String, ChannelStream> streams = this.streams;
		ChannelStream current = (streams != null) ? streams.get(channel) : null;
		if (current == null || current != stream) {
			return false;
		}
		current.resume(frames, epoch, offset, this.outbound);
		return true;
	}

	/**
	 * Stops following a channel's history whose subscription did not happen.
	 * @param channel the channel
	 */
	public void unfollowHistory(String channel) {
		Map<String, ChannelStream> streams = this.streams;
		if (streams != null && !this.channels.contains(channel)) {
			streams.remove(channel);
		}
	}

	/**
	 * Sends {@code pusher:error} for the error, then closes with its code once what is
	 * queued has been written. Only the first close counts.
	 * @param error the reason; a code below 4300
	 * @param detail a more specific message, or {@code null}
	 * @throws IllegalArgumentException for 43xx codes, which pusher-js would read as
	 * "never reconnect"
	 */
	public void close(PusherError error, @Nullable String detail) {
		this.outbound.close(error, detail);
	}

	/**
	 * Closes at once, dropping what is queued; for connections that cannot keep up.
	 * @param error the close code, below 4300
	 * @param why what happened, for the log
	 */
	public void abort(PusherError error, String why) {
		this.outbound.abort(error, why);
	}

	/**
	 * Marks the connection closed after the container reported the socket gone.
	 */
	public void markClosed() {
		this.outbound.markClosed();
	}

	/**
	 * Whether the connection is closed or closing.
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.outbound.isClosed();
	}

	/**
	 * Records that the client sent something, which proves it is alive.
	 */
	public void markSeen() {
		this.lastSeenAt = System.nanoTime();
		this.pingSentAt = 0;
	}

	/**
	 * When the client last sent anything.
	 * @return a {@link System#nanoTime()} value
	 */
	public long lastSeenAt() {
		return this.lastSeenAt;
	}

	/**
	 * When the server pinged this silent connection.
	 * @return a {@link System#nanoTime()} value, or 0 when no ping is outstanding
	 */
	public long pingSentAt() {
		return this.pingSentAt;
	}

	/**
	 * Sends {@code pusher:ping} and remembers when.
	 * @param now the current {@link System#nanoTime()}
	 */
	public void ping(long now) {
		this.pingSentAt = now;
		send(Frames.ping());
	}

	/**
	 * Whether a write has been in progress longer than the send time limit.
	 * @param now the current {@link System#nanoTime()}
	 * @return {@code true} when the socket is stuck
	 */
	public boolean isStalled(long now) {
		return this.outbound.isStalled(now);
	}

	/**
	 * Bytes queued and not yet written.
	 * @return the byte count
	 */
	public long queuedBytes() {
		return this.outbound.queuedBytes();
	}

	@Override
	public String toString() {
		return "Connection " + this.socketId;
	}

	/**
	 * A presence channel membership of this connection.
	 *
	 * @param userId the member's user id
	 * @param userInfo the member's info, or {@code null}
	 */
	public record Membership(String userId, @Nullable Object userInfo) {

	}

}
