package dev.sockets.redis;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A publication as it travels through Redis: the publishing node (so it can skip its
 * own), the socket id to skip (empty for none) and the encoded message, separated by
 * newlines. The message is already encoded, so receiving nodes write it as it is.
 *
 * @param node the publishing node
 * @param except the socket id to skip, or {@code null}
 * @param message the encoded message text
 */
record Envelope(long node, @Nullable String except, String message) {

	byte[] encode() {
		return (this.node + "\n" + ((this.except != null) ? this.except : "") + "\n" + this.message)
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Reads an envelope.
	 * @param body the message body
	 * @return the envelope, or {@code null} if the body is not one
	 */
	static @Nullable Envelope decode(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		int first = text.indexOf('\n');
		int second = (first >= 0) ? text.indexOf('\n', first + 1) : -1;
		if (second < 0) {
			return null;
		}
		try {
			long node = Long.parseLong(text.substring(0, first));
			String except = text.substring(first + 1, second);
			return new Envelope(node, except.isEmpty() ? null : except, text.substring(second + 1));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
