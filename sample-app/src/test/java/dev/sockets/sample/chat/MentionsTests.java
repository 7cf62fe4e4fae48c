package dev.sockets.sample.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.sockets.sample.security.SampleUsersProperties;
import dev.sockets.test.broadcast.RecordedBroadcast;
import dev.sockets.test.broadcast.RecordingBroadcaster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MentionsTests {

	private static final SampleUsersProperties USERS = new SampleUsersProperties(
			Map.of("alice", user(), "bob", user(), "carol", user()));

	private final RecordingBroadcaster broadcaster = new RecordingBroadcaster();

	private final Mentions mentions = new Mentions(this.broadcaster, USERS);

	@Test
	void findsEachNameMentionedOnceInOrder() {
		assertThat(Mentions.mentioned("@bob, see @carol_2's note, @bob! mail bob@example.com")).containsExactly("bob",
				"carol_2");
		assertThat(Mentions.mentioned("no one @ all")).isEmpty();
	}

	@Test
	void tellsEachMentionedUserOnceOnTheirOwnChannel() {
		ChatMessage message = new ChatMessage("alice", "@carol, @bob and @carol again", Instant.now());

		this.mentions.tell(message);

		assertThat(this.broadcaster.broadcasts()).extracting(RecordedBroadcast::channel)
			.containsExactly("private-user.carol", "private-user.bob");
		assertThat(this.broadcaster.broadcasts()).allSatisfy((sent) -> {
			assertThat(sent.event()).isEqualTo(Mentions.EVENT);
			assertThat(sent.data(ChatMessage.class)).isEqualTo(message);
			assertThat(sent.exceptSocketId()).isNull();
		});
	}

	@Test
	void tellsNeitherTheAuthorNorNamesThatAreNotUsers() {
		this.mentions.tell(new ChatMessage("alice", "@alice, @nobody, mail bob@example.com", Instant.now()));

		assertThat(this.broadcaster.broadcasts()).isEmpty();
	}

	private static SampleUsersProperties.User user() {
		return new SampleUsersProperties.User("{noop}secret", null, List.of());
	}

}
