package dev.sockets.redis;

/**
 * Internal: a snapshot of the Redis broker's health and counters.
 *
 * @param up whether the node hears its own canary through Redis, so publications cross to
 * other nodes
 * @param degraded whether the broker refused a publication in the last ten seconds
 * @param sharded whether the broker uses sharded pub/sub
 * @param published publications Redis acknowledged, the recorded ones included
 * @param localOnly publications that reached this node's subscribers only, because they
 * were made during an outage
 * @param refused publications refused because Redis could not keep up or did not
 * acknowledge them in time
 * @param inFlight publications waiting for Redis's acknowledgement now
 * @param received publications received from other nodes
 * @param outages how many times the broker went down
 * @param outageMillis total time spent down, the current outage included
 * @param recorded recorded publications Redis acknowledged: recorded in their channel's
 * history and published
 * @param receivedRecorded recorded publications delivered from Redis, this node's own
 * included
 */
public record RedisBrokerStatus(boolean up, boolean degraded, boolean sharded, long published, long localOnly,
		long refused, int inFlight, long received, long outages, long outageMillis, long recorded,
		long receivedRecorded) {

}
