package dev.sockets.sample.chat;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /chat/messages}; the author is the signed-in user, never
 * something the body says.
 *
 * @param text the message, 1 to {@value #MAX_TEXT_LENGTH} characters
 * @param socketId the sender's pusher-js socket id, which the broadcast skips because the
 * page shows its own message from the response; {@code null} to send to everyone
 */
public record PostMessageRequest(@NotBlank @Size(max = MAX_TEXT_LENGTH) @Nullable String text,
		@Pattern(regexp = "\\d+\\.\\d+",
				message = "must be a Pusher socket id such as 123.456") @Nullable String socketId) {

	static final int MAX_TEXT_LENGTH = 500;

}
