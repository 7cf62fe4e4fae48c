package dev.sockets.broker;

import java.util.concurrent.CompletionStage;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The last event broadcast to each cache channel ({@code cache-}, {@code private-cache-},
 * {@code private-encrypted-cache-}, {@code presence-cache-}), kept for a while so that a
 * new subscriber receives it right after subscribing, or {@code pusher:cache_miss} when
 * there is none. Events from the {@link Broadcaster} and the HTTP API are cached; client
 * events are not, as on Pusher. The local implementation answers for this node; with the
 * Redis broker the cache is shared by the cluster.
 */
public interface ChannelCache {

	/**
	 * Keeps an event as the channel's last one, replacing the previous, without waiting
	 * for the network. The event is published once the stage completes, so a subscriber
	 * that joins meanwhile may get it twice but never misses it.
	 * @param channel the cache channel
	 * @param frame the encoded event, as subscribers receive it
	 * @return completes when the event is kept, or when keeping it failed or took too
	 * long (caching is best effort); never completes exceptionally
	 */
	CompletionStage<Void> put(String channel, String frame);

	/**
	 * The channel's last event, if it has not expired, without waiting for the network.
	 * @param channel the cache channel
	 * @return completes with the event, or with {@code null} when there is none (or the
	 * cache cannot be read now, or not within a bounded time); never completes
	 * exceptionally
	 */
	CompletionStage<@Nullable CachedEvent> get(String channel);

	/**
	 * A cached event.
	 *
	 * @param frame the encoded event, as subscribers receive it
	 * @param timeToLive how much longer it is kept
	 */
	record CachedEvent(String frame, Duration timeToLive) {

	}

}
