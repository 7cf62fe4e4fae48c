package dev.sockets.broker;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ChannelCache} must do; each implementation's tests extend this.
 */
public abstract class ChannelCacheContractTests {

	private static final Duration LONG = Duration.ofMinutes(5);

	private static final Duration SHORT = Duration.ofMillis(500);

	private static final String FRAME = "{\"event\":\"e\",\"channel\":\"cache-news\",\"data\":\"h\u00e9 \u2713\"}";

	/**
	 * A new, empty cache, ready to answer.
	 * @param timeToLive how long an event of each channel is kept
	 * @return the cache
	 */
	protected abstract ChannelCache createCache(Function<String, Duration> timeToLive) throws Exception;

	@Test
	void aChannelWithoutAnEventHasNone() throws Exception {
		ChannelCache cache = createCache((channel) -> LONG);
		assertThat(await(cache.get("cache-news"))).isNull();
	}

	@Test
	void theEventKeptIsReadBackAsItWasWithItsTimeToLive() throws Exception {
		ChannelCache cache = createCache((channel) -> LONG);
		await(cache.put("cache-news", FRAME));
		ChannelCache.CachedEvent cached = await(cache.get("cache-news"));
		assertThat(cached).isNotNull();
		assertThat(cached.frame()).isEqualTo(FRAME);
		assertThat(cached.timeToLive()).isPositive().isLessThanOrEqualTo(LONG).isGreaterThan(LONG.minusSeconds(30));
	}

	@Test
	void aNewEventReplacesTheLastOne() throws Exception {
		ChannelCache cache = createCache((channel) -> LONG);
		await(cache.put("cache-news", "{\"n\":1}"));
		await(cache.put("cache-news", "{\"n\":2}"));
		assertThat(await(cache.get("cache-news"))).extracting(ChannelCache.CachedEvent::frame).isEqualTo("{\"n\":2}");
	}

	@Test
	void eachChannelKeepsItsOwnEvent() throws Exception {
		ChannelCache cache = createCache((channel) -> LONG);
		await(cache.put("cache-news", "{\"news\":true}"));
		await(cache.put("private-cache-team", "{\"team\":true}"));
		assertThat(await(cache.get("cache-news"))).extracting(ChannelCache.CachedEvent::frame)
			.isEqualTo("{\"news\":true}");
		assertThat(await(cache.get("private-cache-team"))).extracting(ChannelCache.CachedEvent::frame)
			.isEqualTo("{\"team\":true}");
		assertThat(await(cache.get("cache-sports"))).isNull();
	}

	@Test
	void anEventExpiresAfterItsChannelsTimeToLiveAndOnlyThatChannels() throws Exception {
		ChannelCache cache = createCache((channel) -> channel.startsWith("cache-short") ? SHORT : LONG);
		await(cache.put("cache-short", "{\"short\":true}"));
		await(cache.put("cache-long", "{\"long\":true}"));
		ChannelCache.CachedEvent fresh = await(cache.get("cache-short"));
		assertThat(fresh).isNotNull();
		assertThat(fresh.timeToLive()).isLessThanOrEqualTo(SHORT);

		Awaitility.await()
			.atLeast(Duration.ofMillis(100))
			.atMost(Duration.ofSeconds(5))
			.until(() -> await(cache.get("cache-short")) == null);
		assertThat(await(cache.get("cache-long"))).extracting(ChannelCache.CachedEvent::frame)
			.isEqualTo("{\"long\":true}");
	}

	protected static <T> T await(CompletionStage<T> stage) {
		try {
			return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
