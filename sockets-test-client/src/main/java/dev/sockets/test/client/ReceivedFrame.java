package dev.sockets.test.client;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One text frame as it arrived, with its event fields read once.
 *
 * @param text the frame's text, exactly
 * @param event the event name, or {@code null} if the frame is not a Pusher message
 * @param channel its channel, or {@code null}
 */
record ReceivedFrame(String text, @Nullable String event, @Nullable String channel, @Nullable JsonNode json) {

	static ReceivedFrame of(String text, JsonMapper jsonMapper) {
		try {
			JsonNode json = jsonMapper.readTree(text);
			return new ReceivedFrame(text, stringOrNull(json.get("event")), stringOrNull(json.get("channel")), json);
		}
		catch (JacksonException ex) {
			return new ReceivedFrame(text, null, null, null);
		}
	}

	boolean is(String event, @Nullable String channel) {
		return event.equals(this.event) && (channel == null || channel.equals(this.channel));
	}

	ReceivedEvent toEvent() {
		JsonNode json = this.json;
		if (json == null || this.event == null) {
			throw new AssertionError("Not a Pusher message: " + this.text);
		}
		JsonNode data = json.get("data");
		String text = (data == null || data.isNull()) ? null : data.isString() ? data.stringValue() : data.toString();
		return new ReceivedEvent(this.event, this.channel, text, stringOrNull(json.get("user_id")));
	}

	private static @Nullable String stringOrNull(@Nullable JsonNode node) {
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

	@Override
	public String toString() {
		return this.text;
	}

}
