package dev.sockets.test.broadcast;

import java.util.List;
import java.util.Map;

import dev.sockets.protocol.InvalidChannelNameException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RecordingBroadcasterTests {

	private final RecordingBroadcaster broadcaster = new RecordingBroadcaster();

	@Test
	void eachChannelOfABroadcastIsRecordedWithItsData() {
		this.broadcaster.to("a", "b").except("1.2").emit("moved", Map.of("x", 1)).join();
		assertThat(this.broadcaster.broadcasts()).containsExactly(
				new RecordedBroadcast("a", "moved", "{\"x\":1}", "1.2"),
				new RecordedBroadcast("b", "moved", "{\"x\":1}", "1.2"));
		assertThat(this.broadcaster.broadcastsTo("b")).hasSize(1);
	}

	@Test
	void rawDataIsRecordedAsGiven() {
		this.broadcaster.to("a").emitRaw("note", "plain text");
		this.broadcaster.toUser("alice").emit("notice", List.of("x"));
		assertThat(this.broadcaster.broadcasts()).containsExactly(
				new RecordedBroadcast("a", "note", "plain text", null),
				new RecordedBroadcast("#server-to-user-alice", "notice", "[\"x\"]", null));
	}

	@Test
	void namesAreCheckedAsTheStarterChecksThem() {
		assertThatExceptionOfType(InvalidChannelNameException.class).isThrownBy(() -> this.broadcaster.to("a b"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.broadcaster.to("a").emit("pusher:x", null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.broadcaster.to("a").except("not-a-socket-id"));
		assertThat(this.broadcaster.broadcasts()).isEmpty();
	}

	@Test
	void clearingForgetsEverything() {
		this.broadcaster.to("a").emit("e", null);
		this.broadcaster.clear();
		assertThat(this.broadcaster.broadcasts()).isEmpty();
	}

}
