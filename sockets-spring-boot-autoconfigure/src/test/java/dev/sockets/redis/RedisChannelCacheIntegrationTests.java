package dev.sockets.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import dev.sockets.broker.ChannelCache;
import dev.sockets.broker.ChannelCacheContractTests;
import dev.sockets.test.RedisProcess;
import dev.sockets.test.RedisServerExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link ChannelCache} contract for {@link RedisChannelCache} on a real
 * {@code redis-server}; plus what a shared cache does: one node reads what another kept,
 * and nothing is cached or read while Redis is unreachable.
 */
class RedisChannelCacheIntegrationTests extends ChannelCacheContractTests {

	@RegisterExtension
	static final RedisServerExtension<RedisProcess> redis = RedisServerExtension.server();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final RedisKeys keys = new RedisKeys("test:", UUID.randomUUID().toString());

	@AfterEach
	void closeResources() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@Override
	protected ChannelCache createCache(Function<String, Duration> timeToLive) {
		return cache(timeToLive, () -> true);
	}

	@Test
	void aNodeReadsWhatAnotherNodeKept() {
		ChannelCache one = createCache((channel) -> Duration.ofMinutes(1));
		ChannelCache other = createCache((channel) -> Duration.ofMinutes(1));
		await(one.put("cache-news", "{\"n\":1}"));
		assertThat(await(other.get("cache-news"))).extracting(ChannelCache.CachedEvent::frame).isEqualTo("{\"n\":1}");
	}

	@Test
	void whileRedisIsUnreachableNothingIsCachedOrRead() {
		AtomicBoolean available = new AtomicBoolean(true);
		ChannelCache cache = cache((channel) -> Duration.ofMinutes(1), available::get);
		await(cache.put("cache-news", "{\"n\":1}"));
		available.set(false);
		await(cache.put("cache-news", "{\"n\":2}"));
		assertThat(await(cache.get("cache-news"))).isNull();
		available.set(true);
		assertThat(await(cache.get("cache-news"))).extracting(ChannelCache.CachedEvent::frame).isEqualTo("{\"n\":1}");
	}

	private RedisChannelCache cache(Function<String, Duration> timeToLive, BooleanSupplier available) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory("127.0.0.1", redis.get().port());
		factory.afterPropertiesSet();
		factory.start();
		this.resources.add(factory::destroy);
		RedisChannelCache cache = new RedisChannelCache(factory, this.keys, timeToLive, available,
				Duration.ofSeconds(2));
		// the shared connection opens in the background; until then the cache answers
		// nothing
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
			await(cache.put("cache-probe", "{}"));
			return await(cache.get("cache-probe")) != null;
		});
		return cache;
	}

}
