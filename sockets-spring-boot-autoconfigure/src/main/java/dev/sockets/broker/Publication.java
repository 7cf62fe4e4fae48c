package dev.sockets.broker;

import java.util.Map;

import dev.sockets.protocol.Frames;

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
 * @param position where the event stands in the channel's history, when it was
 * {@link Broker#publishRecorded recorded}: set by the broker, and then also part of the
 * message as its {@code position} field; {@code null} for everything else
 */
public record Publication(String channel, String message, @Nullable String exceptSocketId, Map<String, String> headers,
		@Nullable StreamPosition position) {

	/**
	 * A publication that is not part of a history.
	 * @param channel the channel
	 * @param message the encoded Pusher message
	 * @param exceptSocketId the socket id that must not receive it, or {@code null}
	 * @param headers context for the delivering nodes
	 */
	public Publication(String channel, String message, @Nullable String exceptSocketId, Map<String, String> headers) {
		this(channel, message, exceptSocketId, headers, null);
	}

	/**
	 * A publication without headers.
	 * @param channel the channel
	 * @param message the encoded Pusher message
	 * @param exceptSocketId the socket id that must not receive it, or {@code null}
	 */
	public Publication(String channel, String message, @Nullable String exceptSocketId) {
		this(channel, message, exceptSocketId, Map.of(), null);
	}

	/**
	 * This publication as recorded at a position: the message gains the position as its
	 * last field, {@code "position":{"epoch":…,"offset":…}}, where pusher-js ignores it
	 * and the recovery plugin reads it.
	 * @param position the position
	 * @return the recorded publication
	 */
	public Publication at(StreamPosition position) {
		return new Publication(this.channel, Frames.positioned(this.message, position.toJson()), this.exceptSocketId,
				this.headers, position);
	}

}
