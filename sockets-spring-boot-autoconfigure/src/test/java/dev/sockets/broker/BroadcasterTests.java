package dev.sockets.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.sockets.protocol.InvalidChannelNameException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link DefaultBroadcaster} and {@link Broadcast}: what they refuse to publish, what
 * they publish, and when the future they return completes.
 */
class BroadcasterTests {

	private final List<Publication> published = new CopyOnWriteArrayList<>();

	private final Broadcaster broadcaster = broadcaster();

	private Broadcaster broadcaster() {
		LocalBroker broker = new LocalBroker();
		broker.start(this.published::add);
		return new DefaultBroadcaster(broker, JsonMapper.shared()::writeValueAsString,
				new LocalChannelCache(Duration.ofMinutes(1)));
	}

	@Test
	void theClustersInternalChannelsAreNotTheApplicationsWhateverTheirCase() {
		for (String internal : List.of("#sockets.control", "#SOCKETS.control", "#Sockets.anything")) {
			assertThatIllegalArgumentException().as(internal)
				.isThrownBy(() -> this.broadcaster.to(internal).emit("e", "x"))
				.withMessageContaining("reserved for the cluster's own traffic");
		}
		assertThat(this.published).isEmpty();
	}

	@Test
	void reservedEventNamesAreRefusedWhateverTheirCase() {
		for (String event : List.of("pusher:ping", "PUSHER:foo", "Pusher_Internal:member_added")) {
			assertThatIllegalArgumentException().as(event)
				.isThrownBy(() -> this.broadcaster.to("news").emit(event, "x"));
		}
		assertThat(this.published).isEmpty();
	}

	@Test
	void aUsersOwnChannelAndOrdinaryChannelsArePublishedTo() {
		this.broadcaster.to("news", "#server-to-user-alice").emit("e", "x");
		assertThat(this.published).extracting(Publication::channel).containsExactly("news", "#server-to-user-alice");
	}

	@Test
	void channelNamesThatBreakTheRulesAreRefusedBeforeAnythingIsPublished() {
		for (String channel : List.of("bad channel", "news/today", "x".repeat(201), "")) {
			assertThatExceptionOfType(InvalidChannelNameException.class).as(channel)
				.isThrownBy(() -> this.broadcaster.to("news", channel));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> this.broadcaster.to(List.of()))
			.withMessage("A broadcast needs at least one channel");
		assertThat(this.published).isEmpty();
	}

	@Test
	void eventNamesMustHoldOneTo200Characters() {
		Broadcast broadcast = this.broadcaster.to("news");
		assertThatIllegalArgumentException().isThrownBy(() -> broadcast.emitRaw("", "{}"));
		assertThatIllegalArgumentException().isThrownBy(() -> broadcast.emitRaw("e".repeat(201), "{}"));
		broadcast.emitRaw("e".repeat(200), "{}");
		assertThat(this.published).hasSize(1);
	}

	@Test
	void theEventIsEncodedOncePerChannelWithItsPayloadAsJsonData() {
		this.broadcaster.to("news", "sports", "news").emit("order.shipped", Map.of("id", 42));
		assertThat(this.published).extracting(Publication::channel).containsExactly("news", "sports");
		assertThat(this.published.get(0).message())
			.isEqualTo("{\"event\":\"order.shipped\",\"channel\":\"news\",\"data\":\"{\\\"id\\\":42}\"}");
		assertThat(this.published).extracting(Publication::exceptSocketId).containsOnlyNulls();
	}

	@Test
	void exceptLeavesOutASocketIdAndRefusesWhatIsNotOne() {
		this.broadcaster.to("news").except("123.456").emitRaw("e", "{}");
		assertThat(this.published).singleElement().extracting(Publication::exceptSocketId).isEqualTo("123.456");
		for (String notASocketId : List.of("abc", "123", "1.2.3", "1.2 ", "")) {
			assertThatIllegalArgumentException().as(notASocketId)
				.isThrownBy(() -> this.broadcaster.to("news").except(notASocketId))
				.withMessageStartingWith("Not a socket id");
		}
		Broadcast broadcast = this.broadcaster.to("news").except("1.2");
		assertThat(broadcast.except(null)).isNotSameAs(broadcast);
		broadcast.except(null).emitRaw("e", "{}");
		assertThat(this.published.get(1).exceptSocketId()).isNull();
	}

	@Test
	void aBroadcastToSeveralChannelsCompletesWhenEveryChannelsPublicationDoes() {
		HeldBroker broker = new HeldBroker();
		Broadcaster broadcaster = new DefaultBroadcaster(broker, JsonMapper.shared()::writeValueAsString,
				new LocalChannelCache(Duration.ofMinutes(1)));
		CompletableFuture<Void> emitted = broadcaster.to("news", "sports").emitRaw("e", "{}");
		assertThat(broker.published).containsOnlyKeys("news", "sports");
		broker.published.get("news").complete(null);
		assertThat(emitted).isNotDone();
		broker.published.get("sports").complete(null);
		assertThat(emitted).isCompleted();

		CompletableFuture<Void> refused = broadcaster.to("weather", "traffic").emitRaw("e", "{}");
		broker.published.get("weather").complete(null);
		broker.published.get("traffic").completeExceptionally(new BroadcastRefusedException("full"));
		assertThat(refused).isCompletedExceptionally();
	}

	@Test
	void aCacheChannelsEventIsKeptBeforeItIsPublished() {
		HeldBroker broker = new HeldBroker();
		HeldCache cache = new HeldCache();
		Broadcaster broadcaster = new DefaultBroadcaster(broker, JsonMapper.shared()::writeValueAsString, cache);

		CompletableFuture<Void> emitted = broadcaster.to("cache-news", "news").emitRaw("e", "{}");
		assertThat(cache.kept).containsOnlyKeys("cache-news");
		assertThat(broker.published).containsOnlyKeys("news");

		cache.kept.get("cache-news").complete(null);
		assertThat(broker.published).containsOnlyKeys("news", "cache-news");
		broker.published.values().forEach((published) -> published.complete(null));
		assertThat(emitted).isCompleted();
	}

	/**
	 * A broker whose publications complete when the test says.
	 */
	private static final class HeldBroker implements Broker {

		private final Map<String, CompletableFuture<Void>> published = new ConcurrentHashMap<>();

		@Override
		public void start(BrokerListener listener) {
		}

		@Override
		public CompletionStage<Void> publish(Publication publication) {
			return this.published.computeIfAbsent(publication.channel(), (channel) -> new CompletableFuture<>());
		}

		@Override
		public void subscribe(String channel) {
		}

		@Override
		public void unsubscribe(String channel) {
		}

	}

	/**
	 * A cache whose puts complete when the test says.
	 */
	private static final class HeldCache implements ChannelCache {

		private final Map<String, CompletableFuture<Void>> kept = new ConcurrentHashMap<>();

		@Override
		public CompletionStage<Void> put(String channel, String frame) {
			return this.kept.computeIfAbsent(channel, (name) -> new CompletableFuture<>());
		}

		@Override
		public CompletionStage<@Nullable CachedEvent> get(String channel) {
			return CompletableFuture.completedFuture(null);
		}

	}

}
