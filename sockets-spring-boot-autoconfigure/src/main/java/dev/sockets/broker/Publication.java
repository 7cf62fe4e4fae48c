package dev.sockets.broker;

import dev.sockets.protocol.Frame;
import org.jspecify.annotations.Nullable;

/**
 * One encoded event for one channel: what a {@link Broker} carries between nodes.
 *
 * @param channel the channel
 * @param frame the encoded message, written as it is to every subscriber
 * @param exceptSocketId the socket id that must not receive it (the sender), or
 * {@code null}
 */
public record Publication(String channel, Frame frame, @Nullable String exceptSocketId) {

}
