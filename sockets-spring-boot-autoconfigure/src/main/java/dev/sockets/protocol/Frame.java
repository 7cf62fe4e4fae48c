package dev.sockets.protocol;

/**
 * Internal: one encoded server-to-client message, encoded once and written to any number
 * of connections.
 *
 * @param text the JSON text of the WebSocket text frame
 * @param size its size in UTF-8 bytes, counted against a connection's outbound buffer
 * @param createdAt when it was made, a {@link System#nanoTime()} value, so the time to
 * its write can be measured: for a publication, when the delivering node received it (on
 * the publishing node, as it was published)
 */
public record Frame(String text, int size, long createdAt) {

	/**
	 * A frame for this text.
	 * @param text a complete JSON message
	 * @return the frame
	 */
	public static Frame of(String text) {
		return new Frame(text, utf8Length(text), System.nanoTime());
	}

	/**
	 * The UTF-8 size of a string, without encoding it.
	 * @param text the string
	 * @return its size in bytes
	 */
	public static int utf8Length(String text) {
		int length = text.length();
		int bytes = length;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				// 2 bytes below U+0800, 3 above, and 4 for a surrogate pair (2 chars, so
				// 2 each)
				bytes += (c < 0x800 || Character.isSurrogate(c)) ? 1 : 2;
			}
		}
		return bytes;
	}

}
