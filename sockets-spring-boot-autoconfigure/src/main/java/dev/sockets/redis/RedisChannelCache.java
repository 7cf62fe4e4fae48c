package dev.sockets.redis;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.sockets.broker.ChannelCache;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@link ChannelCache} of a cluster: each cache channel's last event is a Redis key
 * that expires by itself, so a subscriber on any node receives what any node published.
 * While Redis is unreachable, events are not cached and subscribers get
 * {@code pusher:cache_miss}, rather than each waiting for a timeout.
 */
public final class RedisChannelCache implements ChannelCache {

	private static final Log logger = LogFactory.getLog(RedisChannelCache.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final Duration timeToLive;

	private final BooleanSupplier available;

	/**
	 * Creates the cache.
	 * @param connectionFactory the application's Redis connections
	 * @param keys the app's Redis names
	 * @param timeToLive how long an event is kept
	 * @param available whether Redis is reachable now (the broker hears its canary)
	 */
	public RedisChannelCache(RedisConnectionFactory connectionFactory, RedisKeys keys, Duration timeToLive,
			BooleanSupplier available) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.timeToLive = timeToLive;
		this.available = available;
	}

	@Override
	public void put(String channel, String frame) {
		if (!this.available.getAsBoolean()) {
			return;
		}
		try {
			this.redis.opsForValue().set(this.keys.cache(channel), frame, this.timeToLive);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not cache the last event of " + channel, ex);
		}
	}

	@Override
	public @Nullable String get(String channel) {
		if (!this.available.getAsBoolean()) {
			return null;
		}
		try {
			return this.redis.opsForValue().get(this.keys.cache(channel));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the last event of " + channel, ex);
			return null;
		}
	}

}
