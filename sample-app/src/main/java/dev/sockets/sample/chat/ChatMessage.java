package dev.sockets.sample.chat;

import java.time.Instant;

/**
 * A message as every member of the room sees it: the data of event {@code message} on
 * channel {@code chat.lobby}.
 *
 * @param author who wrote it
 * @param text what they wrote
 * @param sentAt when the server accepted it
 */
public record ChatMessage(String author, String text, Instant sentAt) {

}
