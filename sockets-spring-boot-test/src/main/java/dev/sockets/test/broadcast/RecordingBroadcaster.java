package dev.sockets.test.broadcast;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.sockets.broker.Broadcast;
import dev.sockets.broker.Broadcaster;
import dev.sockets.broker.Broker;
import dev.sockets.broker.BrokerListener;
import dev.sockets.broker.ChannelCache;
import dev.sockets.broker.DefaultBroadcaster;
import dev.sockets.broker.Publication;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link Broadcaster} that records what the application emits, for unit and slice
 * tests: <pre>{@code
 * RecordingBroadcaster broadcaster = new RecordingBroadcaster();
 * new OrderService(broadcaster).ship(order);
 * assertThat(broadcaster.broadcastsTo("orders")).singleElement()
 * 	.satisfies((sent) -> assertThat(sent.event()).isEqualTo("order.shipped"));
 * }</pre> It checks channel and event names exactly as the starter does, and serializes
 * payloads with the application's JSON mapper. Given the starter's broadcaster, it also
 * passes every event on, so subscribers still receive them
 * ({@link dev.sockets.test.autoconfigure.AutoConfigureRecordingBroadcaster} does that in
 * a full application). Thread-safe.
 */
public final class RecordingBroadcaster implements Broadcaster {

	private final List<RecordedBroadcast> recorded = new ArrayList<>();

	private final JsonMapper jsonMapper;

	private final @Nullable Broadcaster forwardTo;

	private final Broadcaster recorder;

	/**
	 * A broadcaster that records only, with the default JSON mapper.
	 */
	public RecordingBroadcaster() {
		this(JsonMapper.shared(), null);
	}

	/**
	 * A broadcaster that records, and passes each event on when given a broadcaster to.
	 * @param jsonMapper serializes payloads, as the application's does
	 * @param forwardTo the broadcaster that delivers, or {@code null} to record only
	 */
	public RecordingBroadcaster(JsonMapper jsonMapper, @Nullable Broadcaster forwardTo) {
		this.jsonMapper = jsonMapper;
		this.forwardTo = forwardTo;
		this.recorder = new DefaultBroadcaster(new Recorder(), jsonMapper::writeValueAsString, new NoCache());
	}

	@Override
	public Broadcast to(String... channels) {
		return this.recorder.to(channels);
	}

	@Override
	public Broadcast to(Collection<String> channels) {
		return this.recorder.to(channels);
	}

	/**
	 * Everything recorded, in the order it was emitted.
	 * @return one entry per channel of each broadcast
	 */
	public synchronized List<RecordedBroadcast> broadcasts() {
		return List.copyOf(this.recorded);
	}

	/**
	 * What was recorded for one channel, in order.
	 * @param channel the channel
	 * @return its events
	 */
	public synchronized List<RecordedBroadcast> broadcastsTo(String channel) {
		return this.recorded.stream().filter((broadcast) -> broadcast.channel().equals(channel)).toList();
	}

	/**
	 * Forgets everything recorded; done before each test method when the broadcaster is a
	 * bean of the test's application context.
	 */
	public synchronized void clear() {
		this.recorded.clear();
	}

	private synchronized void record(RecordedBroadcast broadcast) {
		this.recorded.add(broadcast);
	}

	// the starter's broadcaster builds each publication; this reads it back
	private final class Recorder implements Broker {

		@Override
		public void start(BrokerListener listener) {
		}

		@Override
		public CompletionStage<Void> publish(Publication publication) {
			JsonNode message = RecordingBroadcaster.this.jsonMapper.readTree(publication.message());
			String event = message.path("event").asString();
			String data = message.path("data").asString();
			record(new RecordedBroadcast(publication.channel(), event, data, publication.exceptSocketId()));
			Broadcaster forwardTo = RecordingBroadcaster.this.forwardTo;
			if (forwardTo == null) {
				return CompletableFuture.completedFuture(null);
			}
			return forwardTo.to(publication.channel()).except(publication.exceptSocketId()).emitRaw(event, data);
		}

		@Override
		public void subscribe(String channel) {
		}

		@Override
		public void unsubscribe(String channel) {
		}

	}

	// the broadcaster passed to caches cache channels itself
	private static final class NoCache implements ChannelCache {

		@Override
		public CompletionStage<Void> put(String channel, String frame) {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public CompletionStage<@Nullable CachedEvent> get(String channel) {
			return CompletableFuture.completedFuture(null);
		}

	}

}
