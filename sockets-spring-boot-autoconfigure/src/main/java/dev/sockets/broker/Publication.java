package dev.sockets.broker;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One encoded event for one channel: what a {@link Broker} carries between nodes.
 *
 * @param channel the channel
 * @param message the encoded Pusher message, a complete JSON text written as it is to
 * every subscriber
 * @param exceptSocketId the socket id that must not receive it (the sender), or
 * {@code null}
 * @param headers context for the nodes that deliver it, such as the trace propagation
 * headers of the broadcast's observation; a broker carries them where it can, and
 * delivers without them where it cannot
 */
public record Publication(String channel, String message, @Nullable String exceptSocketId,
		Map<String, String> headers) {

	/**
	 * A publication without headers.
	 * @param channel the channel
	 * @param message the encoded Pusher message
	 * @param exceptSocketId the socket id that must not receive it, or {@code null}
	 */
	public Publication(String channel, String message, @Nullable String exceptSocketId) {
		this(channel, message, exceptSocketId, Map.of());
	}

}
