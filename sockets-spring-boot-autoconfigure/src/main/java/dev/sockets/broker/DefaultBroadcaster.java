package dev.sockets.broker;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import dev.sockets.protocol.ChannelName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the {@link Broadcaster} that encodes events and hands them to the configured
 * {@link Broker}.
 */
public final class DefaultBroadcaster implements Broadcaster {

	private final Broker broker;

	private final Function<Object, String> serializer;

	private final ChannelCache cache;

	private final LongAdder published = new LongAdder();

	private static final BroadcastConvention BROADCAST = new BroadcastConvention();

	private final ObservationRegistry observations;

	private final Function<String, @Nullable Retention> histories;

	/**
	 * Creates a broadcaster.
	 * @param broker carries the encoded frames
	 * @param serializer writes payload objects as JSON
	 * @param cache keeps the last event of each cache channel
	 */
	public DefaultBroadcaster(Broker broker, Function<Object, String> serializer, ChannelCache cache) {
		this(broker, serializer, cache, ObservationRegistry.NOOP);
	}

	/**
	 * Creates a broadcaster that observes each broadcast.
	 * @param broker carries the encoded frames
	 * @param serializer writes payload objects as JSON
	 * @param cache keeps the last event of each cache channel
	 * @param observations where {@link SocketsObservation#BROADCAST} observations go
	 */
	public DefaultBroadcaster(Broker broker, Function<Object, String> serializer, ChannelCache cache,
			ObservationRegistry observations) {
		this(broker, serializer, cache, observations, (channel) -> null);
	}

	/**
	 * Creates a broadcaster that observes each broadcast and records the events of
	 * channels that keep a history.
	 * @param broker carries the encoded frames, and keeps the histories
	 * @param serializer writes payload objects as JSON
	 * @param cache keeps the last event of each cache channel
	 * @param observations where {@link SocketsObservation#BROADCAST} observations go
	 * @param histories the history a channel keeps, or {@code null} for none
	 */
	public DefaultBroadcaster(Broker broker, Function<Object, String> serializer, ChannelCache cache,
			ObservationRegistry observations, Function<String, @Nullable Retention> histories) {
		this.broker = broker;
		this.serializer = serializer;
		this.cache = cache;
		this.observations = observations;
		this.histories = histories;
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

	// observed until the broker took it for every node; the trace headers a tracer put
	// in the context travel with the publication
	private CompletionStage<Void> publish(Publication publication) {
		this.published.increment();
		Observation observation = SocketsObservation.BROADCAST.start(null, BROADCAST,
				() -> new BroadcastContext(publication.channel()), this.observations);
		if (observation.isNoop()) {
			return publishObserved(publication);
		}
		CompletionStage<Void> published;
		try (Observation.Scope scope = observation.openScope()) {
			Map<String, String> headers = ((BroadcastContext) observation.getContext()).getCarrier();
			published = publishObserved((headers == null || headers.isEmpty()) ? publication : new Publication(
					publication.channel(), publication.message(), publication.exceptSocketId(), Map.copyOf(headers)));
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			observation.stop();
			throw ex;
		}
		return published.whenComplete((done, failure) -> {
			if (failure != null) {
				observation.error(failure);
			}
			observation.stop();
		});
	}

	private CompletionStage<Void> publishObserved(Publication publication) {
		if (ChannelName.isCache(publication.channel())) {
			// cached first: a subscriber joining meanwhile may get the event twice, but
			// never miss it
			return this.cache.put(publication.channel(), publication.message())
				.thenCompose((cached) -> publishOrRecord(publication));
		}
		return publishOrRecord(publication);
	}

	private CompletionStage<Void> publishOrRecord(Publication publication) {
		Retention history = this.histories.apply(publication.channel());
		return (history != null) ? this.broker.publishRecorded(publication, history) : this.broker.publish(publication);
	}

	/**
	 * Publications made through this broadcaster, one per channel of each broadcast.
	 * @return the count
	 */
	public long publishedCount() {
		return this.published.sum();
	}

}
