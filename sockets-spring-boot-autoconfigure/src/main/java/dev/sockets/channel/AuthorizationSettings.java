package dev.sockets.channel;

import java.time.Duration;

/**
 * Internal: how the authorizer pipeline runs.
 *
 * @param threads threads that run authorizers
 * @param queueCapacity subscriptions that may wait for a thread before more are refused
 * @param timeout the deadline of one subscription's authorization
 * @param cacheTimeToLive how long a connection's decisions are remembered; zero for never
 * @param virtualThreads whether authorizers run on virtual threads
 */
public record AuthorizationSettings(int threads, int queueCapacity, Duration timeout, Duration cacheTimeToLive,
		boolean virtualThreads) {

	/**
	 * Settings on platform threads.
	 * @param threads threads that run authorizers
	 * @param queueCapacity subscriptions that may wait for a thread
	 * @param timeout the deadline of one subscription's authorization
	 * @param cacheTimeToLive how long a connection's decisions are remembered
	 */
	public AuthorizationSettings(int threads, int queueCapacity, Duration timeout, Duration cacheTimeToLive) {
		this(threads, queueCapacity, timeout, cacheTimeToLive, false);
	}

}
