package dev.sockets.channel;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

/**
 * The client event a {@link ClientEventHandler @ClientEventHandler} method handles.
 *
 * @param channel the channel it was sent on
 * @param event the event name
 * @param socketId the sending connection
 * @param principal the sender's principal from the handshake, or {@code null}
 * @param userId the sender's user id (principal, sign-in or presence member), or
 * {@code null} when anonymous
 */
public record ClientEventContext(String channel, String event, String socketId, @Nullable Principal principal,
		@Nullable String userId) {

}
