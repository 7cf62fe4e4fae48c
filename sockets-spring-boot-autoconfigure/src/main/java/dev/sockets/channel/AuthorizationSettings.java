package dev.sockets.channel;

import java.time.Duration;

/**
 * Internal: how the authorizer pipeline runs.
 *
 * @param threads threads that run authorizers
 * @param queueCapacity subscriptions that may wait for a thread before more are refused
 * @param timeout the deadline of one subscription's authorization
 * @param cacheTimeToLive how long a connection's decisions are remembered; zero for never
 */
public record AuthorizationSettings(int threads, int queueCapacity, Duration timeout, Duration cacheTimeToLive) {

}
