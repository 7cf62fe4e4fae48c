package dev.sockets.broker;

import org.jspecify.annotations.Nullable;

/**
 * One encoded event for one channel: what a {@link Broker} carries between nodes.
 *
 * @param channel the channel
 * @param message the encoded Pusher message, a complete JSON text written as it is to
 * every subscriber
 * @param exceptSocketId the socket id that must not receive it (the sender), or
 * {@code null}
 */
public record Publication(String channel, String message, @Nullable String exceptSocketId) {

}
