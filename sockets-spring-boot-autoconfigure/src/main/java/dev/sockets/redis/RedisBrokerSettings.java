package dev.sockets.redis;

import java.time.Duration;

/**
 * Internal: how the Redis broker runs.
 *
 * @param canaryInterval how often the node publishes a canary it must hear back; three
 * missed intervals mark the broker down
 * @param publishQueueCapacity publications that may wait to be sent to Redis; beyond this
 * they reach local subscribers only
 * @param maxPublishDelay how long a publication may wait for Redis (during an outage)
 * before it is given up as local-only, so nothing arrives long after it was sent
 * @param shardedPubSub whether to use sharded pub/sub on a Redis Cluster of version 7 or
 * later
 */
public record RedisBrokerSettings(Duration canaryInterval, int publishQueueCapacity, Duration maxPublishDelay,
		boolean shardedPubSub) {

}
