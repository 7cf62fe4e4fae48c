/**
 * A public chat room: messages are posted over HTTP and broadcast to channel
 * {@code chat.lobby}.
 */
@NullMarked
package dev.sockets.sample.chat;

import org.jspecify.annotations.NullMarked;
