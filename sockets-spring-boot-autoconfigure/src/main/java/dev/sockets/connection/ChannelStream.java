package dev.sockets.connection;

import java.util.ArrayDeque;
import java.util.List;

import dev.sockets.protocol.PusherError;
import org.jspecify.annotations.Nullable;

/**
 * Internal: what one connection was sent of one channel's history: the position of the
 * last recorded frame, so that nothing is sent twice, and while the connection recovers,
 * the live frames held back until the replay was sent. Locked per connection and channel:
 * fan-out threads offer frames while the connection's lane finishes a recovery.
 */
public final class ChannelStream {

	// a burst larger than this during one recovery is more than the client could take
	static final int MAX_HELD = 10_000;

	private @Nullable String epoch;

	private long offset = -1;

	// the live frames that arrived while recovering; null once live
	private @Nullable ArrayDeque<RecordedFrame> held;

	ChannelStream(boolean recovering) {
		this.held = recovering ? new ArrayDeque<>() : null;
	}

	/**
	 * A live recorded frame: held while recovering, dropped when it is not after the last
	 * one sent (a late copy of a replayed event), else sent.
	 * @return {@code true} if sent or held
	 */
	synchronized boolean offer(RecordedFrame recorded, Outbound outbound) {
		ArrayDeque<RecordedFrame> held = this.held;
		if (held != null) {
			if (held.size() >= MAX_HELD) {
				outbound.abort(PusherError.OVER_CAPACITY,
						"more than " + MAX_HELD + " live events arrived while recovering a channel");
				return false;
			}
			held.addLast(recorded);
			return true;
		}
		return sendIfNew(recorded, outbound);
	}

	/**
	 * Ends the recovery: sends the frames (the replay, or the notice that recovery
	 * failed), continues after the position, then sends the held frames that follow it.
	 */
	synchronized void resume(List<RecordedFrame> frames, String epoch, long offset, Outbound outbound) {
		for (RecordedFrame frame : frames) {
			outbound.offer(frame.frame());
		}
		this.epoch = epoch;
		this.offset = offset;
		ArrayDeque<RecordedFrame> held = this.held;
		this.held = null;
		if (held != null) {
			for (RecordedFrame recorded : held) {
				sendIfNew(recorded, outbound);
			}
		}
	}

	// Every recorded event reaches every subscriber, as itself or as its position, so an
	// offset past the next one means events were lost on the way (the node's Redis
	// subscription dropped, say): the client reconnects at once and recovers them from
	// the history, rather than going on with a hole it cannot see.
	private boolean sendIfNew(RecordedFrame recorded, Outbound outbound) {
		if (recorded.epoch().equals(this.epoch) && recorded.offset() <= this.offset) {
			return false;
		}
		if (recorded.epoch().equals(this.epoch) && this.offset >= 0 && recorded.offset() > this.offset + 1) {
			outbound.abort(PusherError.RECONNECT, "events " + (this.offset + 1) + " to " + (recorded.offset() - 1)
					+ " of a channel's history did not arrive; reconnecting recovers them");
			return false;
		}
		this.epoch = recorded.epoch();
		this.offset = recorded.offset();
		return outbound.offer(recorded.frame());
	}

}
