package dev.sockets.broker;

import java.time.Duration;
import java.util.function.Function;

/**
 * The {@link ChannelCache} contract for {@link LocalChannelCache}.
 */
class LocalChannelCacheTests extends ChannelCacheContractTests {

	@Override
	protected ChannelCache createCache(Function<String, Duration> timeToLive) {
		return new LocalChannelCache(timeToLive);
	}

}
