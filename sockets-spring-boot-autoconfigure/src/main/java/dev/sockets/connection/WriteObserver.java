package dev.sockets.connection;

import dev.sockets.protocol.Frame;

/**
 * Internal: told of every frame a connection hands to its socket, for metrics. Called on
 * writer threads for every delivery, so an implementation must be cheap and non-blocking.
 */
@FunctionalInterface
public interface WriteObserver {

	/** Observes nothing. */
	WriteObserver NONE = (frame, queuedBytes) -> {
	};

	/**
	 * A frame was written.
	 * @param frame the frame
	 * @param queuedBytes what the connection had queued, this frame included
	 */
	void written(Frame frame, long queuedBytes);

}
