package dev.sockets.sample.teams;

import java.time.Instant;

/**
 * A message as every member of a team sees it: the data of event {@code team.message} on
 * channel {@code private-team.<team>}.
 *
 * @param team the team
 * @param author who wrote it, the signed-in user
 * @param text what they wrote
 * @param sentAt when the server accepted it
 */
public record TeamMessage(String team, String author, String text, Instant sentAt) {

}
