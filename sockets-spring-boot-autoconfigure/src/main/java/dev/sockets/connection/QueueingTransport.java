package dev.sockets.connection;

import dev.sockets.protocol.Frame;

/**
 * Internal: a transport that queues frames itself, bounded, and writes them in its own
 * time (Netty, whose channels buffer writes). The core hands it every frame at once
 * instead of one write at a time. It enforces the connection's byte limit itself: a
 * client that falls that far behind is aborted with 4100 through its connection.
 * {@link #close} closes after what is queued; {@link #write} is {@link #send} reported
 * done at once.
 */
public interface QueueingTransport extends Transport {

	/**
	 * Queues a frame, from any thread, without waiting.
	 * @param frame the frame
	 */
	void send(Frame frame);

	/**
	 * Bytes queued and not yet written to the socket.
	 * @return the byte count
	 */
	long queuedBytes();

	/**
	 * Whether what is queued has not moved for longer than the send time limit: a client
	 * that stopped reading with less than the byte limit queued.
	 * @param now the current {@link System#nanoTime()}
	 * @return {@code true} when the socket is stuck
	 */
	boolean isStalled(long now);

	@Override
	default void write(Frame frame, WriteCompletion completion) {
		send(frame);
		completion.written(null);
	}

}
