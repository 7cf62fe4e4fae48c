package dev.sockets.broker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Internal: the {@link ChannelCache} of a single node, in memory. Expired events are
 * dropped when read, and swept every so many writes so that channels nobody reads again
 * do not accumulate.
 */
public final class LocalChannelCache implements ChannelCache {

	private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

	private static final int SWEEP_EVERY = 1024;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final AtomicInteger writes = new AtomicInteger();

	private final Function<String, Duration> timeToLive;

	/**
	 * Creates the cache.
	 * @param timeToLive how long an event is kept
	 */
	public LocalChannelCache(Duration timeToLive) {
		this((channel) -> timeToLive);
	}

	/**
	 * Creates the cache.
	 * @param timeToLive how long an event of a channel is kept (its namespace's)
	 */
	public LocalChannelCache(Function<String, Duration> timeToLive) {
		this.timeToLive = timeToLive;
	}

	@Override
	public CompletionStage<Void> put(String channel, String frame) {
		long now = System.nanoTime();
		this.entries.put(channel, new Entry(frame, now + this.timeToLive.apply(channel).toNanos()));
		if (this.writes.incrementAndGet() % SWEEP_EVERY == 0) {
			this.entries.values().removeIf((entry) -> entry.isExpired(now));
		}
		return DONE;
	}

	@Override
	public CompletionStage<@Nullable CachedEvent> get(String channel) {
		return CompletableFuture.completedFuture(find(channel));
	}

	private @Nullable CachedEvent find(String channel) {
		Entry entry = this.entries.get(channel);
		if (entry == null) {
			return null;
		}
		long now = System.nanoTime();
		if (entry.isExpired(now)) {
			this.entries.remove(channel, entry);
			return null;
		}
		return new CachedEvent(entry.frame(), Duration.ofNanos(entry.expiresAt() - now));
	}

	private record Entry(String frame, long expiresAt) {

		boolean isExpired(long now) {
			return now - this.expiresAt >= 0;
		}

	}

}
