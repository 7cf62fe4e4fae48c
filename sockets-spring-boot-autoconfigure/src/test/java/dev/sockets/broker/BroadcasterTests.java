package dev.sockets.broker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@link Broadcaster} on the single-node broker: what it refuses to publish.
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

}
