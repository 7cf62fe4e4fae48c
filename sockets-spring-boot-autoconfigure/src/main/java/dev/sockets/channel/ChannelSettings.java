package dev.sockets.channel;

import dev.sockets.broker.Retention;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the settings that apply to one channel: its namespace's, else the global
 * ones.
 *
 * @param maxMembers the most distinct users a presence channel holds
 * @param clientEventsEnabled whether client events are relayed on it
 * @param clientEventsPerSecond the most client events a connection sends per second
 * @param cacheTimeToLive how long a cache channel keeps its last event
 * @param maxSubscribers the most connections across the cluster a channel other than a
 * presence channel holds; {@link Integer#MAX_VALUE} for no limit
 * @param history the history it keeps for recovery, or {@code null} for none
 */
public record ChannelSettings(int maxMembers, boolean clientEventsEnabled, int clientEventsPerSecond,
		Duration cacheTimeToLive, int maxSubscribers, @Nullable Retention history) {

}
