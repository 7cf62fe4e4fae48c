package dev.sockets.channel;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Internal: what a client event handler made of an event: a reply to send back (or none),
 * or the reasons its payload was refused.
 *
 * @param reply the handler's return value, or {@code null}
 * @param errors for a refused payload, field to message; otherwise {@code null}
 */
public record HandlerOutcome(@Nullable Object reply, @Nullable Map<String, String> errors) {

	static HandlerOutcome reply(@Nullable Object reply) {
		return new HandlerOutcome(reply, null);
	}

	static HandlerOutcome refused(Map<String, String> errors) {
		return new HandlerOutcome(null, errors);
	}

}
