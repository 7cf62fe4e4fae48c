package dev.sockets.redis;

import java.time.Duration;

/**
 * Internal: how the Redis broker runs.
 *
 * @param canaryInterval how often the node publishes a canary it must hear back; three
 * missed intervals mark the broker down
 * @param maxPublicationsInFlight publications that may wait for Redis's acknowledgement
 * at once; beyond this they are refused
 * @param maxPublishDelay how long a publication may wait for Redis's acknowledgement
 * before it fails, so nothing arrives long after its caller was told it failed
 * @param shardedPubSub whether to use sharded pub/sub on a Redis Cluster of version 7 or
 * later
 */
public record RedisBrokerSettings(Duration canaryInterval, int maxPublicationsInFlight, Duration maxPublishDelay,
		boolean shardedPubSub) {

}
