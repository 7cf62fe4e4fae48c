package dev.sockets.redis;

/**
 * A snapshot of the Redis broker's health and counters.
 *
 * @param up whether the node hears its own canary through Redis, so publications cross to
 * other nodes
 * @param published publications sent to Redis
 * @param localOnly publications that reached this node's subscribers only, because Redis
 * could not take them
 * @param received publications received from other nodes
 * @param outages how many times the broker went down
 * @param outageMillis total time spent down, the current outage included
 */
public record RedisBrokerStatus(boolean up, boolean sharded, long published, long localOnly, long received,
		long outages, long outageMillis) {

}
