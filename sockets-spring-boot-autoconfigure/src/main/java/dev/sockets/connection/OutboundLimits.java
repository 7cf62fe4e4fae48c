package dev.sockets.connection;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Internal: how much a connection may queue, how long one write may take before the
 * connection is closed as too slow, and the threads that start writes and run lanes.
 *
 * @param bufferSizeLimit the most bytes queued for one connection
 * @param sendTimeLimit the longest one write may take
 * @param drainers start connections' writes; a drain never waits for a socket, so a few
 * threads serve every connection
 * @param lanes run connections' {@link Lane lanes}
 * @param observer told of every frame written
 */
public record OutboundLimits(long bufferSizeLimit, Duration sendTimeLimit, Executor drainers, Executor lanes,
		WriteObserver observer) {

	/**
	 * Limits without an observer, whose lanes share the drainers' threads.
	 * @param bufferSizeLimit the most bytes queued for one connection
	 * @param sendTimeLimit the longest one write may take
	 * @param drainers start connections' writes and run their lanes
	 */
	public OutboundLimits(long bufferSizeLimit, Duration sendTimeLimit, Executor drainers) {
		this(bufferSizeLimit, sendTimeLimit, drainers, drainers, WriteObserver.NONE);
	}

}
