package dev.sockets.sample.teams;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The data of client event {@code client-reaction} on a team's private channel, which a
 * member sends with {@code channel.trigger('client-reaction', {reaction: 'party'})}.
 *
 * @param reaction one of {@value #REACTIONS}
 */
public record ReactionRequest(@NotNull @Pattern(regexp = REACTIONS,
		message = "must be one of like, party, heart, laugh") @Nullable String reaction) {

	static final String REACTIONS = "like|party|heart|laugh";

}
