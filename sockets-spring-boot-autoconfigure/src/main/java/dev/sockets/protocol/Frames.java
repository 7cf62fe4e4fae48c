package dev.sockets.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Internal: encodes the server-to-client messages of Pusher protocol 7, following
 * Pusher's "double encoding": {@code data} is a JSON document serialised into a string,
 * except for {@code pusher:error} and {@code pusher:subscription_error} whose
 * {@code data} is an object.
 */
public final class Frames {

	private static final Frame PONG = Frame.of("{\"event\":\"pusher:pong\",\"data\":\"{}\"}");

	private static final Frame PING = Frame.of("{\"event\":\"pusher:ping\",\"data\":\"{}\"}");

	private Frames() {
	}

	/**
	 * {@code pusher:connection_established}, the first message on every accepted
	 * connection.
	 * @param socketId the connection's socket id
	 * @param activityTimeoutSeconds seconds of silence after which the client should ping
	 * @return the frame
	 */
	public static Frame connectionEstablished(String socketId, long activityTimeoutSeconds) {
		String data = "{\"socket_id\":\"" + socketId + "\",\"activity_timeout\":" + activityTimeoutSeconds + "}";
		return event(Events.CONNECTION_ESTABLISHED, null, data);
	}

	/**
	 * {@code pusher:error} with a code.
	 * @param error the error
	 * @param detail what exactly went wrong, or {@code null} for the error's own reason
	 * @return the frame
	 */
	public static Frame error(PusherError error, @Nullable String detail) {
		return error(error.code(), (detail != null) ? detail : error.reason());
	}

	/**
	 * {@code pusher:error}; Pusher sends {@code code: null} for message-level problems
	 * such as an unsupported event.
	 * @param code the Pusher code, or {@code null}
	 * @param message what went wrong
	 * @return the frame
	 */
	public static Frame error(@Nullable Integer code, String message) {
		StringBuilder out = new StringBuilder(64 + message.length());
		out.append("{\"event\":\"pusher:error\",\"data\":{\"code\":").append(code).append(",\"message\":");
		Json.quote(out, message).append("}}");
		return Frame.of(out.toString());
	}

	/**
	 * {@code pusher:pong}, the answer to a client's {@code pusher:ping}.
	 * @return the frame
	 */
	public static Frame pong() {
		return PONG;
	}

	/**
	 * {@code pusher:ping}, sent to a silent connection.
	 * @return the frame
	 */
	public static Frame ping() {
		return PING;
	}

	/**
	 * {@code pusher_internal:subscription_succeeded} for a non-presence channel; data is
	 * the string {@code "{}"}.
	 * @param channel the channel
	 * @return the frame
	 */
	public static Frame subscriptionSucceeded(String channel) {
		return event(Events.SUBSCRIPTION_SUCCEEDED, channel, "{}");
	}

	/**
	 * {@code pusher:cache_miss}, without data: the cache channel just subscribed holds no
	 * event.
	 * @param channel the cache channel
	 * @return the frame
	 */
	public static Frame cacheMiss(String channel) {
		StringBuilder out = new StringBuilder(48 + channel.length());
		out.append("{\"event\":\"").append(Events.CACHE_MISS).append("\",\"channel\":");
		Json.quote(out, channel).append('}');
		return Frame.of(out.toString());
	}

	/**
	 * {@code pusher:subscription_error}, which pusher-js and laravel-echo raise on the
	 * channel.
	 * @param channel the channel
	 * @param type a short error type such as {@code AuthError}
	 * @param error what went wrong
	 * @param status an HTTP-like status
	 * @return the frame
	 */
	public static Frame subscriptionError(String channel, String type, String error, int status) {
		StringBuilder out = new StringBuilder(96 + channel.length() + error.length());
		out.append("{\"event\":\"pusher:subscription_error\",\"channel\":");
		Json.quote(out, channel).append(",\"data\":{\"type\":");
		Json.quote(out, type).append(",\"error\":");
		Json.quote(out, error).append(",\"status\":").append(status).append("}}");
		return Frame.of(out.toString());
	}

	/**
	 * A client event relayed to the other subscribers: {@code data} as a string and, on a
	 * presence channel, the sender's {@code user_id} at the top level.
	 * @param event the {@code client-} event name
	 * @param channel the channel
	 * @param data the data string
	 * @param userId the sender's presence user id, or {@code null}
	 * @return the message text, to publish
	 */
	public static String clientEventText(String event, String channel, String data, @Nullable String userId) {
		StringBuilder out = new StringBuilder(64 + event.length() + channel.length() + data.length());
		out.append("{\"event\":");
		Json.quote(out, event).append(",\"channel\":");
		Json.quote(out, channel).append(",\"data\":");
		Json.quote(out, data);
		if (userId != null) {
			out.append(",\"user_id\":");
			Json.quote(out, userId);
		}
		return out.append('}').toString();
	}

	/**
	 * {@code pusher:signin_success}: {@code data} is an object holding the exact
	 * {@code user_data} string that was signed.
	 * @param userData the signed user data
	 * @return the frame
	 */
	public static Frame signinSuccess(String userData) {
		StringBuilder out = new StringBuilder(64 + userData.length());
		out.append("{\"event\":\"pusher:signin_success\",\"data\":{\"user_data\":");
		Json.quote(out, userData).append("}}");
		return Frame.of(out.toString());
	}

	/**
	 * A channel event; {@code data} is delivered as a string, byte for byte as published.
	 * @param event the event name
	 * @param channel the channel, or {@code null} for connection-level events
	 * @param data the data string
	 * @return the frame
	 */
	public static Frame event(String event, @Nullable String channel, String data) {
		return Frame.of(eventText(event, channel, data));
	}

	/**
	 * The text of a channel event, for a publication: the node that delivers it makes the
	 * frame.
	 * @param event the event name
	 * @param channel the channel
	 * @param data the data string
	 * @return the message text
	 * @see #event(String, String, String)
	 */
	public static String eventText(String event, @Nullable String channel, String data) {
		StringBuilder out = new StringBuilder(
				48 + event.length() + data.length() + ((channel != null) ? channel.length() : 0));
		out.append("{\"event\":");
		Json.quote(out, event);
		if (channel != null) {
			out.append(",\"channel\":");
			Json.quote(out, channel);
		}
		out.append(",\"data\":");
		Json.quote(out, data).append('}');
		return out.toString();
	}

	/**
	 * A message with a position as its last top-level field, where pusher-js ignores it
	 * and the recovery plugin reads it.
	 * @param text a JSON object's text
	 * @param position the position's JSON object
	 * @return the text with {@code "position":…} added
	 */
	public static String positioned(String text, String position) {
		return withoutClosingBrace(text) + ",\"position\":" + position + "}";
	}

	/**
	 * A JSON object's text up to its closing brace, where another field can be added.
	 * @param text a JSON object's text
	 * @return the text before its last {@code }}
	 * @throws IllegalArgumentException if the text is not an object
	 */
	public static String withoutClosingBrace(String text) {
		int end = text.lastIndexOf('}');
		if (end < 1) {
			throw new IllegalArgumentException("Not a JSON object: " + text);
		}
		return text.substring(0, end);
	}

	/**
	 * {@code pusher:recovery_failed}: a subscription's position could not be recovered.
	 * @param channel the channel
	 * @param reason why, one of the documented reasons
	 * @param position where the channel continues, as JSON; {@code null} when unknown
	 * (the history could not be read)
	 * @return the frame
	 */
	public static Frame recoveryFailed(String channel, String reason, @Nullable String position) {
		StringBuilder out = new StringBuilder(128 + channel.length());
		out.append("{\"event\":\"").append(Events.RECOVERY_FAILED).append("\",\"channel\":");
		Json.quote(out, channel).append(",\"data\":");
		Json.quote(out, "{\"reason\":\"" + reason + "\"}");
		if (position != null) {
			out.append(",\"position\":").append(position);
		}
		return Frame.of(out.append('}').toString());
	}

	/**
	 * {@code pusher_internal:position}: the position of an event this connection was left
	 * out of.
	 * @param channel the channel
	 * @param position the event's position, as JSON
	 * @return the frame
	 */
	public static Frame position(String channel, String position) {
		StringBuilder out = new StringBuilder(64 + channel.length() + position.length());
		out.append("{\"event\":\"").append(Events.POSITION).append("\",\"channel\":");
		Json.quote(out, channel).append(",\"position\":").append(position).append('}');
		return Frame.of(out.toString());
	}

}
