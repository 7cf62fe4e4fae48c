package dev.sockets.protocol;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Internal: a message a client sent: {@code {"event": …, "channel"?: …, "data"?: …}}.
 *
 * @param event the event name
 * @param channel the top-level channel, if any
 * @param data the data: an object, a string, another JSON value, or {@code null} when
 * absent
 */
public record ClientMessage(String event, @Nullable String channel, @Nullable JsonNode data) {

	/**
	 * Parses a text frame leniently: {@code data} of {@code pusher:} events may be an
	 * object or a string holding JSON (pusher-websocket-java sends strings), and may be
	 * missing or empty.
	 * @param text the frame text
	 * @param mapper the JSON mapper
	 * @return the message
	 * @throws MalformedMessageException when the text is not a JSON object with a string
	 * {@code event}
	 */
	public static ClientMessage parse(String text, JsonMapper mapper) {
		JsonNode root;
		try {
			root = mapper.readTree(text);
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException("Invalid JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new MalformedMessageException("A message must be a JSON object");
		}
		JsonNode event = root.get("event");
		if (event == null || !event.isString() || event.stringValue().isEmpty()) {
			throw new MalformedMessageException("A message needs a non-empty string 'event'");
		}
		JsonNode channel = root.get("channel");
		if (channel != null && !channel.isNull() && !channel.isString()) {
			throw new MalformedMessageException("'channel' must be a string");
		}
		String name = event.stringValue();
		JsonNode data = root.get("data");
		// ping and pong carry nothing we read, so whatever their data is, they are
		// answered
		if (name.startsWith(Events.PUSHER_PREFIX) && !name.equals(Events.PING) && !name.equals(Events.PONG)) {
			data = unwrapStringData(data, mapper);
		}
		return new ClientMessage(name, (channel != null && channel.isString()) ? channel.stringValue() : null, data);
	}

	/**
	 * A string field of {@code data}.
	 * @param field the field name
	 * @return its value, or {@code null} when data is no object or the field is absent
	 * @throws MalformedMessageException when the field is present but not a string
	 */
	public @Nullable String dataString(String field) {
		if (this.data == null || !this.data.isObject()) {
			return null;
		}
		JsonNode value = this.data.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new MalformedMessageException("'data." + field + "' must be a string");
		}
		return value.stringValue();
	}

	private static @Nullable JsonNode unwrapStringData(@Nullable JsonNode data, JsonMapper mapper) {
		if (data == null || !data.isString()) {
			return data;
		}
		String text = data.stringValue().trim();
		if (text.isEmpty()) {
			return null;
		}
		try {
			return mapper.readTree(text);
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException("'data' is a string but not JSON: " + ex.getOriginalMessage());
		}
	}

}
