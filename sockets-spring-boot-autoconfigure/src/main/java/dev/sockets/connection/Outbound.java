package dev.sockets.connection;

import dev.sockets.protocol.Frame;
import dev.sockets.protocol.PusherError;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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

	// the abort both ways out share: a line below WARN, and a transport that fails to
	// close counts as closed
	static void abort(String socketId, Transport transport, PusherError error, String why) {
		LogHolder.logger.debug("Closing connection " + socketId + ": " + why);
		try {
			transport.abort(error.code(), error.reason());
		}
		catch (RuntimeException ex) {
			LogHolder.logger.trace("Failed to abort connection " + socketId, ex);
		}
	}

	static void requireCloseCode(PusherError error) {
		if (!error.closesConnection()) {
			throw new IllegalArgumentException(error + " (" + error.code() + ") may not be a close code");
		}
	}

	final class LogHolder {

		private static final Log logger = LogFactory.getLog(Outbound.class);

		private LogHolder() {
		}

	}

}
