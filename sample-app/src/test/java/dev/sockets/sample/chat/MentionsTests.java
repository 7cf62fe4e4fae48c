package dev.sockets.sample.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MentionsTests {

	@Test
	void findsEachNameMentionedOnceInOrder() {
		assertThat(Mentions.mentioned("@bob, see @carol_2's note, @bob! mail bob@example.com")).containsExactly("bob",
				"carol_2");
		assertThat(Mentions.mentioned("no one @ all")).isEmpty();
	}

}
