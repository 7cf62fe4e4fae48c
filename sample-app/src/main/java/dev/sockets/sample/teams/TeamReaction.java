package dev.sockets.sample.teams;

import java.time.Instant;

/**
 * A reaction as every member of a team sees it: the data of event {@code team.reaction}
 * on channel {@code private-team.<team>}, and of the sender's reply
 * {@code client-reaction-reply}.
 *
 * @param team the team
 * @param author who reacted, the user of the sender's connection
 * @param reaction the reaction, such as {@code party}
 * @param sentAt when the server accepted it
 */
public record TeamReaction(String team, String author, String reaction, Instant sentAt) {

}
