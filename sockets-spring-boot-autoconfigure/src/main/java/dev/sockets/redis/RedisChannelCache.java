package dev.sockets.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import dev.sockets.broker.ChannelCache;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Internal: the {@link ChannelCache} of a cluster: each cache channel's last event is a
 * Redis key that expires by itself, so a subscriber on any node receives what any node
 * published. While Redis is unreachable, events are not cached and subscribers get
 * {@code pusher:cache_miss}, rather than each waiting for a timeout.
 */
public final class RedisChannelCache implements ChannelCache {

	private static final Log logger = LogFactory.getLog(RedisChannelCache.class);

	// the event and its remaining time in one round trip, as "<pttl> <frame>"; '' when
	// there is none
	private static final RedisScript<String> GET_WITH_TTL = LuaScript.of("""
			local frame = redis.call('GET', KEYS[1])
			if not frame then return '' end
			return redis.call('PTTL', KEYS[1]) .. ' ' .. frame
			""", String.class);

	private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

	private final ReactiveStringRedisTemplate reactive;

	private final ReactiveConnectionOpener connection;

	private final Duration maxDelay;

	private final RedisKeys keys;

	private final Function<String, Duration> timeToLive;

	private final BooleanSupplier available;

	/**
	 * Creates the cache.
	 * @param connectionFactory the application's Redis connections
	 * @param keys the app's Redis names
	 * @param timeToLive how long an event of a channel is kept (its namespace's)
	 * @param available whether Redis is reachable now (the broker hears its canary)
	 * @param maxDelay how long a publication waits for its event to be kept
	 */
	public RedisChannelCache(RedisConnectionFactory connectionFactory, RedisKeys keys,
			Function<String, Duration> timeToLive, BooleanSupplier available, Duration maxDelay) {
		if (!(connectionFactory instanceof ReactiveRedisConnectionFactory reactive)) {
			throw new IllegalStateException("The Redis channel cache needs Spring Data Redis on Lettuce (its default "
					+ "client); found " + connectionFactory.getClass().getName());
		}
		this.reactive = new ReactiveStringRedisTemplate(reactive);
		this.connection = new ReactiveConnectionOpener(reactive);
		this.maxDelay = maxDelay;
		this.keys = keys;
		this.timeToLive = timeToLive;
		this.available = available;
	}

	// asynchronous, so no publishing thread waits for Redis; bounded, so a stalled Redis
	// delays the publication at most the publish delay
	@Override
	public CompletionStage<Void> put(String channel, String frame) {
		if (!(this.available.getAsBoolean() && this.connection.isOpen())) {
			return DONE;
		}
		return this.reactive.opsForValue()
			.set(this.keys.cache(channel), frame, this.timeToLive.apply(channel))
			.timeout(this.maxDelay)
			.toFuture()
			.handle((kept, failure) -> {
				if (failure != null) {
					logger.debug("Could not cache the last event of " + channel, failure);
				}
				return null;
			});
	}

	@Override
	public CompletionStage<@Nullable CachedEvent> get(String channel) {
		if (!(this.available.getAsBoolean() && this.connection.isOpen())) {
			return CompletableFuture.completedFuture(null);
		}
		return this.reactive.execute(GET_WITH_TTL, List.of(this.keys.cache(channel)), List.of())
			.next()
			.mapNotNull(RedisChannelCache::cached)
			.timeout(this.maxDelay)
			.toFuture()
			.handle((cached, failure) -> {
				if (failure != null) {
					logger.debug("Could not read the last event of " + channel, failure);
					return null;
				}
				return cached;
			});
	}

	private static @Nullable CachedEvent cached(String answer) {
		int space = answer.indexOf(' ');
		if (space < 0) {
			return null;
		}
		long millis = Long.parseLong(answer.substring(0, space));
		return new CachedEvent(answer.substring(space + 1), Duration.ofMillis(Math.max(0, millis)));
	}

}
