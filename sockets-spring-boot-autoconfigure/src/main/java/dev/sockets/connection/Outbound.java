package dev.sockets.connection;

import dev.sockets.protocol.Frame;
import dev.sockets.protocol.PusherError;
import org.jspecify.annotations.Nullable;

/**
 * A connection's way out: frames offered from any thread without blocking, a close after
 * what is queued, an abort that drops it.
 */
sealed interface Outbound permits OutboundQueue, TransportOutbound {

	boolean offer(Frame frame);

	void close(PusherError error, @Nullable String detail);

	void abort(PusherError error, String why);

	void markClosed();

	boolean isClosed();

	boolean isStalled(long now);

	long queuedBytes();

	static void requireCloseCode(PusherError error) {
		if (!error.closesConnection()) {
			throw new IllegalArgumentException(error + " (" + error.code() + ") may not be a close code");
		}
	}

}
