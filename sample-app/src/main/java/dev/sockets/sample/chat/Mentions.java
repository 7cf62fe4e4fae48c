package dev.sockets.sample.chat;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sockets.broker.Broadcaster;
import dev.sockets.sample.security.SampleUsersProperties;

import org.springframework.stereotype.Component;

/**
 * Tells each user named with {@code @name} in a lobby message about it, on their own
 * channel {@code private-user.<name>} (see {@link UserChannelAuthorizer}), so they notice
 * it wherever they are on the page.
 */
@Component
class Mentions {

	static final String EVENT = "mention";

	// "@name" at the start of a word, so that an e-mail address mentions no one
	private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_])@([A-Za-z0-9_-]+)");

	private final Broadcaster broadcaster;

	private final SampleUsersProperties users;

	Mentions(Broadcaster broadcaster, SampleUsersProperties users) {
		this.broadcaster = broadcaster;
		this.users = users;
	}

	/**
	 * Sends the message to every existing user it mentions, each once, but its author.
	 * @param message the message as the lobby sees it
	 */
	void tell(ChatMessage message) {
		for (String name : mentioned(message.text())) {
			if (!name.equals(message.author()) && this.users.users().containsKey(name)) {
				this.broadcaster.to(UserChannelAuthorizer.channel(name)).emit(EVENT, message);
			}
		}
	}

	static Set<String> mentioned(String text) {
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = MENTION.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

}
