package dev.sockets.protocol;

/**
 * JSON string quoting for frames built by hand: the hot path encodes frames with a
 * {@link StringBuilder} rather than a tree or an object mapper.
 */
final class Json {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private Json() {
	}

	/**
	 * Appends {@code value} as a quoted JSON string.
	 * @param out where to append
	 * @param value the raw string
	 * @return {@code out}
	 */
	static StringBuilder quote(StringBuilder out, String value) {
		out.append('"');
		int length = value.length();
		int start = 0;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029'
					&& (!Character.isSurrogate(c) || isPaired(value, i))) {
				continue;
			}
			out.append(value, start, i);
			start = i + 1;
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> out.append("\\u")
					.append(HEX[(c >> 12) & 0xF])
					.append(HEX[(c >> 8) & 0xF])
					.append(HEX[(c >> 4) & 0xF])
					.append(HEX[c & 0xF]);
			}
		}
		return out.append(value, start, length).append('"');
	}

	// A lone surrogate is not valid UTF-16 and cannot be encoded as UTF-8, so the
	// container would refuse the whole
	// frame; escaped as \\uXXXX it is valid JSON that clients decode as they like.
	private static boolean isPaired(String value, int i) {
		char c = value.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
		}
		return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
	}

}
