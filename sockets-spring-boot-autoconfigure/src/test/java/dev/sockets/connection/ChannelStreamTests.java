package dev.sockets.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.sockets.protocol.Frame;
import dev.sockets.test.RecordingTransport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a connection sends of a channel's history: each event once, in order, live events
 * held back while recovering, and a gap closing the connection so that it recovers.
 */
class ChannelStreamTests {

	@Test
	void sendsEachEventOnceAndHoldsLiveEventsWhileRecovering() {
		RecordingTransport transport = new RecordingTransport();
		Connection connection = connection(transport);
		connection.addChannel("feed");
		ChannelStream stream = connection.followHistory("feed", true);
		// live events 3 and 4 arrive before the replay of 1 to 3
		assertThat(connection.sendRecorded("feed", event("e", 3))).isTrue();
		assertThat(connection.sendRecorded("feed", event("e", 4))).isTrue();
		assertThat(texts(transport, 0)).isEmpty();
		assertThat(connection.resume("feed", stream, List.of(event("e", 1), event("e", 2), event("e", 3)), "e", 3))
			.isTrue();
		connection.sendRecorded("feed", event("e", 4));
		connection.sendRecorded("feed", event("e", 5));
		assertThat(texts(transport, 5)).containsExactly("1", "2", "3", "4", "5");
		assertThat(connection.isClosed()).isFalse();
	}

	@Test
	void aGapClosesTheConnectionSoThatItReconnectsAndRecovers() throws InterruptedException {
		RecordingTransport transport = new RecordingTransport();
		Connection connection = connection(transport);
		connection.addChannel("feed");
		connection.followHistory("feed", false);
		connection.sendRecorded("feed", event("e", 7));
		connection.sendRecorded("feed", event("e", 8));
		assertThat(connection.sendRecorded("feed", event("e", 10))).isFalse();
		assertThat(transport.closes.poll(5, TimeUnit.SECONDS)).isEqualTo(4200);
		assertThat(transport.aborts.get()).isOne();
	}

	@Test
	void aNewEpochContinuesFromWhereverItStarts() {
		RecordingTransport transport = new RecordingTransport();
		Connection connection = connection(transport);
		connection.addChannel("feed");
		connection.followHistory("feed", false);
		connection.sendRecorded("feed", event("old", 40));
		connection.sendRecorded("feed", event("new", 1));
		assertThat(texts(transport, 2)).containsExactly("40", "1");
		assertThat(connection.isClosed()).isFalse();
	}

	@Test
	void aStaleRecoveryDoesNothingToTheStreamThatReplacedIt() {
		RecordingTransport transport = new RecordingTransport();
		Connection connection = connection(transport);
		connection.addChannel("feed");
		ChannelStream first = connection.followHistory("feed", true);
		connection.followHistory("feed", false);
		assertThat(connection.resume("feed", first, List.of(event("e", 1)), "e", 1)).isFalse();
		connection.removeChannel("feed");
		assertThat(connection.sendRecorded("feed", event("e", 2))).isTrue();
		assertThat(texts(transport, 1)).containsExactly("2");
	}

	private static RecordedFrame event(String epoch, long offset) {
		return new RecordedFrame(Frame.of(Long.toString(offset)), epoch, offset);
	}

	private static Connection connection(RecordingTransport transport) {
		return Connection.of("1.1", transport, new OutboundLimits(1 << 20, Duration.ofSeconds(10), Runnable::run));
	}

	// what was written, once that many were: nothing more arrives meanwhile
	private static List<String> texts(RecordingTransport transport, int count) {
		List<String> texts = new ArrayList<>();
		transport.written.drainTo(texts);
		assertThat(texts).hasSize(count);
		return texts;
	}

}
