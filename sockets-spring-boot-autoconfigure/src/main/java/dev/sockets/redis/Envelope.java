package dev.sockets.redis;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A publication as it travels through Redis: the publishing node (so it can skip its
 * own), the socket id to skip (empty for none) and the encoded message, separated by
 * newlines. The message is already encoded, so receiving nodes write it as it is. A
 * publication's headers (a trace's propagation headers), when it has any, follow the node
 * on the first line as {@code ;key=value&key=value}, URL-encoded; without them the format
 * is the one nodes of earlier versions read.
 *
 * @param node the publishing node
 * @param except the socket id to skip, or {@code null}
 * @param message the encoded message text
 * @param headers the publication's headers, often none
 */
record Envelope(long node, @Nullable String except, String message, Map<String, String> headers) {

	byte[] encode() {
		StringBuilder text = new StringBuilder(this.message.length() + 48).append(this.node);
		if (!this.headers.isEmpty()) {
			char separator = ';';
			for (Map.Entry<String, String> header : this.headers.entrySet()) {
				text.append(separator)
					.append(URLEncoder.encode(header.getKey(), StandardCharsets.UTF_8))
					.append('=')
					.append(URLEncoder.encode(header.getValue(), StandardCharsets.UTF_8));
				separator = '&';
			}
		}
		text.append('\n').append((this.except != null) ? this.except : "").append('\n').append(this.message);
		return text.toString().getBytes(StandardCharsets.UTF_8);
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
			String origin = text.substring(0, first);
			int headersStart = origin.indexOf(';');
			long node = Long.parseLong((headersStart < 0) ? origin : origin.substring(0, headersStart));
			Map<String, String> headers = (headersStart < 0) ? Map.of() : headers(origin.substring(headersStart + 1));
			String except = text.substring(first + 1, second);
			return new Envelope(node, except.isEmpty() ? null : except, text.substring(second + 1), headers);
		}
		catch (IllegalArgumentException ex) {
			// not a number, or a malformed escape
			return null;
		}
	}

	private static Map<String, String> headers(String encoded) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (String pair : encoded.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				headers.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return headers;
	}

}
