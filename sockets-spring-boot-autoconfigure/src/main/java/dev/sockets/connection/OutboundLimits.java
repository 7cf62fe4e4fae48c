package dev.sockets.connection;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Internal: how much a connection may queue, how long one write may take before the
 * connection is closed as too slow, and the threads that write and close.
 *
 * @param bufferSizeLimit the most bytes queued for one connection
 * @param sendTimeLimit the longest one write may take
 * @param writers drain connections' queues with blocking writes
 * @param closers close connections; separate from the writers so a close can always free
 * a writer stuck on a full socket
 * @param observer told of every frame written
 */
public record OutboundLimits(long bufferSizeLimit, Duration sendTimeLimit, Executor writers, Executor closers,
		WriteObserver observer) {

	/**
	 * Limits without an observer.
	 * @param bufferSizeLimit the most bytes queued for one connection
	 * @param sendTimeLimit the longest one write may take
	 * @param writers drain connections' queues
	 * @param closers close connections
	 */
	public OutboundLimits(long bufferSizeLimit, Duration sendTimeLimit, Executor writers, Executor closers) {
		this(bufferSizeLimit, sendTimeLimit, writers, closers, WriteObserver.NONE);
	}

}
