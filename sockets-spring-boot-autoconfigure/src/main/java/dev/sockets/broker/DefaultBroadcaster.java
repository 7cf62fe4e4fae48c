package dev.sockets.broker;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import dev.sockets.protocol.ChannelName;

/**
 * Internal: the {@link Broadcaster} that encodes events and hands them to the configured
 * {@link Broker}.
 */
public final class DefaultBroadcaster implements Broadcaster {

	private final Broker broker;

	private final Function<Object, String> serializer;

	private final ChannelCache cache;

	private final LongAdder published = new LongAdder();

	/**
	 * Creates a broadcaster.
	 * @param broker carries the encoded frames
	 * @param serializer writes payload objects as JSON
	 * @param cache keeps the last event of each cache channel
	 */
	public DefaultBroadcaster(Broker broker, Function<Object, String> serializer, ChannelCache cache) {
		this.broker = broker;
		this.serializer = serializer;
		this.cache = cache;
	}

	@Override
	public Broadcast to(String... channels) {
		return to(Arrays.asList(channels));
	}

	@Override
	public Broadcast to(Collection<String> channels) {
		if (channels.isEmpty()) {
			throw new IllegalArgumentException("A broadcast needs at least one channel");
		}
		List<String> names = channels.stream().distinct().map(ChannelName::requirePublishable).toList();
		return new Broadcast(names, null, this::publish, this.serializer);
	}

	private CompletionStage<Void> publish(Publication publication) {
		this.published.increment();
		if (ChannelName.isCache(publication.channel())) {
			// cached first: a subscriber joining meanwhile may get the event twice, but
			// never miss it
			return this.cache.put(publication.channel(), publication.message())
				.thenCompose((cached) -> this.broker.publish(publication));
		}
		return this.broker.publish(publication);
	}

	/**
	 * Publications made through this broadcaster, one per channel of each broadcast.
	 * @return the count
	 */
	public long publishedCount() {
		return this.published.sum();
	}

}
