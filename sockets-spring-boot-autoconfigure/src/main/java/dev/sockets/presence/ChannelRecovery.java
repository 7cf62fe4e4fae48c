package dev.sockets.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

import dev.sockets.broker.Broker;
import dev.sockets.broker.History;
import dev.sockets.broker.Publication;
import dev.sockets.broker.Retention;
import dev.sockets.broker.StreamPosition;
import dev.sockets.connection.ChannelStream;
import dev.sockets.connection.Connection;
import dev.sockets.connection.RecordedFrame;
import dev.sockets.protocol.Frame;
import dev.sockets.protocol.Frames;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Internal: answers a subscription to a channel with a history. Without a position it
 * tells the subscriber the channel's head; with one it replays what the subscriber
 * missed, then lets the live events it held back meanwhile follow, or says why it could
 * not. The connection was subscribed, following the history, before the node listened and
 * before the history is read, so the live events and the replay overlap rather than leave
 * a gap, and the connection's stream drops the overlap.
 */
public final class ChannelRecovery {

	private static final Log logger = LogFactory.getLog(ChannelRecovery.class);

	/** The reasons {@code pusher:recovery_failed} gives, as documented. */
	public enum Failure {

		/** The events after the position are no longer all kept. */
		TOO_OLD("too_old"),

		/** The position's epoch is not the channel's, or it is ahead of the history. */
		HISTORY_LOST("history_lost"),

		/** The channel keeps no history. */
		NO_HISTORY("no_history"),

		/** The history could not be read. */
		UNAVAILABLE("unavailable");

		private final String reason;

		Failure(String reason) {
			this.reason = reason;
		}

		/**
		 * The reason as the client reads it.
		 * @return the reason
		 */
		public String reason() {
			return this.reason;
		}

	}

	private final Broker broker;

	private final long maxReplayBytes;

	private final LongAdder recovered = new LongAdder();

	private final LongAdder replayed = new LongAdder();

	private final LongAdder[] failed = new LongAdder[Failure.values().length];

	/**
	 * Creates the recovery.
	 * @param broker keeps the histories
	 * @param maxReplayBytes the most a replay may queue to a connection at once: more
	 * would pass its send buffer's limit, close it, and make it come back for the same
	 * replay
	 */
	public ChannelRecovery(Broker broker, long maxReplayBytes) {
		this.broker = broker;
		this.maxReplayBytes = maxReplayBytes;
		for (int i = 0; i < this.failed.length; i++) {
			this.failed[i] = new LongAdder();
		}
	}

	/**
	 * Answers a subscription: {@code subscription_succeeded} with a position, then the
	 * replay or the notice that recovery failed. A step of the connection's lane.
	 * @param connection the subscribed connection, following the channel's history when
	 * it keeps one
	 * @param channel the channel
	 * @param succeeded the {@code subscription_succeeded} frame
	 * @param history the channel's retention, or {@code null} when it keeps no history
	 * @param since the position the subscriber sent, or {@code null}
	 * @param stream the stream the connection follows the history by, or {@code null}
	 * when the channel keeps none (or the subscription was repeated)
	 * @return completes with whether the subscriber recovered
	 */
	public CompletableFuture<Boolean> answer(Connection connection, String channel, Frame succeeded,
			@Nullable Retention history, @Nullable StreamPosition since, @Nullable ChannelStream stream) {
		if (history == null || stream == null) {
			connection.send(succeeded);
			if (since != null) {
				fail(connection, channel, Failure.NO_HISTORY, null, since, null);
			}
			return CompletableFuture.completedFuture(false);
		}
		CompletableFuture<History> read = connection.lane()
			.resume(this.broker
				.history(channel, (since != null) ? since.offset() : -1, (since != null) ? history.size() : 0, history)
				.toCompletableFuture());
		return read.handle((done, failure) -> {
			if (!connection.channels().contains(channel)) {
				// left meanwhile
				return false;
			}
			if (failure != null) {
				logger.debug("Could not read the history of " + channel, failure);
				connection.send(succeeded);
				if (since != null) {
					fail(connection, channel, Failure.UNAVAILABLE, null, since, stream);
				}
				return false;
			}
			connection.send(positioned(succeeded, (since != null) ? since : done.head()));
			return (since != null) && recover(connection, channel, done, since, stream);
		});
	}

	private boolean recover(Connection connection, String channel, History history, StreamPosition since,
			ChannelStream stream) {
		StreamPosition head = history.head();
		List<Publication> events = history.publications();
		if (!head.epoch().equals(since.epoch()) || since.offset() > head.offset()) {
			fail(connection, channel, Failure.HISTORY_LOST, head, since, stream);
			return false;
		}
		if (since.offset() < head.offset() && (events.isEmpty() || offset(events.get(0)) != since.offset() + 1)) {
			fail(connection, channel, Failure.TOO_OLD, head, since, stream);
			return false;
		}
		List<RecordedFrame> replay = new ArrayList<>(events.size());
		StreamPosition last = since;
		long bytes = 0;
		for (Publication event : events) {
			StreamPosition position = event.position();
			if (position != null) {
				Frame frame = Frame.of(event.message());
				bytes += frame.size();
				replay.add(new RecordedFrame(frame, position.epoch(), position.offset()));
				last = position;
			}
		}
		if (bytes > this.maxReplayBytes) {
			fail(connection, channel, Failure.TOO_OLD, head, since, stream);
			return false;
		}
		connection.resume(channel, stream, replay, last.epoch(), last.offset());
		this.recovered.increment();
		this.replayed.add(replay.size());
		return true;
	}

	// the channel continues live after the head; without one (unreadable), after the
	// subscriber's own position
	private void fail(Connection connection, String channel, Failure failure, @Nullable StreamPosition head,
			StreamPosition since, @Nullable ChannelStream stream) {
		StreamPosition resume = (head != null) ? head : since;
		Frame notice = Frames.recoveryFailed(channel, failure.reason(), (head != null) ? head.toJson() : null);
		if (stream == null) {
			// no stream to queue it through: the channel keeps no history
			connection.send(notice);
		}
		else {
			connection.resume(channel, stream, List.of(new RecordedFrame(notice, resume.epoch(), resume.offset())),
					resume.epoch(), resume.offset());
		}
		this.failed[failure.ordinal()].increment();
	}

	private static Frame positioned(Frame frame, StreamPosition position) {
		return Frame.of(Frames.positioned(frame.text(), position.toJson()));
	}

	private static long offset(Publication publication) {
		StreamPosition position = publication.position();
		return (position != null) ? position.offset() : -1;
	}

	/**
	 * Subscriptions that recovered their position.
	 * @return the count
	 */
	public long recoveredCount() {
		return this.recovered.sum();
	}

	/**
	 * Subscriptions that could not recover, for one reason.
	 * @param failure the reason
	 * @return the count
	 */
	public long failedCount(Failure failure) {
		return this.failed[failure.ordinal()].sum();
	}

	/**
	 * Events sent to recovering subscribers from the history.
	 * @return the count
	 */
	public long replayedCount() {
		return this.replayed.sum();
	}

}
