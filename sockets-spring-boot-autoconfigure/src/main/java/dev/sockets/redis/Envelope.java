package dev.sockets.redis;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.sockets.broker.StreamPosition;
import org.jspecify.annotations.Nullable;

/**
 * A publication as it travels through Redis: the publishing node (so it can skip its
 * own), the socket id to skip (empty for none) and the encoded message, separated by
 * newlines. The message is already encoded, so receiving nodes write it as it is. A
 * publication's headers (a trace's propagation headers), when it has any, follow the node
 * on the first line as {@code ;key=value&key=value}, URL-encoded; without them the format
 * is the one nodes of earlier versions read. A recorded publication's position is the
 * last of them, {@code p=<epoch>:<offset>}, written by the script that recorded it; a
 * header of the publication's own named {@code p} travels as {@code %70}, so it is never
 * taken for one.
 *
 * @param node the publishing node
 * @param except the socket id to skip, or {@code null}
 * @param message the encoded message text (with its position, for a recorded one)
 * @param headers the publication's headers, often none
 * @param position the position of a recorded publication, or {@code null}
 */
record Envelope(long node, @Nullable String except, String message, Map<String, String> headers,
		@Nullable StreamPosition position) {

	private static final String POSITION = "p";

	Envelope(long node, @Nullable String except, String message, Map<String, String> headers) {
		this(node, except, message, headers, null);
	}

	byte[] encode() {
		StringBuilder text = new StringBuilder(this.message.length() + 48);
		if (this.position != null) {
			text.append(beforePosition())
				.append(this.position.epoch())
				.append(':')
				.append(this.position.offset())
				.append(afterPosition());
		}
		else {
			appendFirstLine(text);
			text.append(afterPosition());
		}
		return text.append(this.message).toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The text before a recorded publication's position: the first line up to {@code p=},
	 * which a script completes with the position once it has one.
	 * @return the text
	 */
	String beforePosition() {
		StringBuilder text = new StringBuilder(64);
		appendFirstLine(text);
		return text.append(this.headers.isEmpty() ? ';' : '&').append(POSITION).append('=').toString();
	}

	/**
	 * The text between the position and the message: the end of the first line and the
	 * socket id to skip.
	 * @return the text
	 */
	String afterPosition() {
		return "\n" + ((this.except != null) ? this.except : "") + "\n";
	}

	private void appendFirstLine(StringBuilder text) {
		text.append(this.node);
		char separator = ';';
		for (Map.Entry<String, String> header : this.headers.entrySet()) {
			String key = header.getKey();
			text.append(separator)
				.append(POSITION.equals(key) ? "%70" : URLEncoder.encode(key, StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(header.getValue(), StandardCharsets.UTF_8));
			separator = '&';
		}
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
			Map<String, String> headers = new LinkedHashMap<>();
			StreamPosition position = (headersStart < 0) ? null
					: readHeaders(origin.substring(headersStart + 1), headers);
			String except = text.substring(first + 1, second);
			return new Envelope(node, except.isEmpty() ? null : except, text.substring(second + 1),
					headers.isEmpty() ? Map.of() : headers, position);
		}
		catch (IllegalArgumentException ex) {
			// not a number, a malformed escape or position
			return null;
		}
	}

	// the headers into the map, but the position, which is returned
	private static @Nullable StreamPosition readHeaders(String encoded, Map<String, String> headers) {
		StreamPosition position = null;
		for (String pair : encoded.split("&")) {
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				continue;
			}
			String key = pair.substring(0, equals);
			String value = pair.substring(equals + 1);
			if (POSITION.equals(key)) {
				position = position(value);
			}
			else {
				headers.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
						URLDecoder.decode(value, StandardCharsets.UTF_8));
			}
		}
		return position;
	}

	private static StreamPosition position(String value) {
		int colon = value.lastIndexOf(':');
		if (colon < 0) {
			throw new IllegalArgumentException("Not a position: " + value);
		}
		return new StreamPosition(value.substring(0, colon), Long.parseLong(value.substring(colon + 1)));
	}

}
