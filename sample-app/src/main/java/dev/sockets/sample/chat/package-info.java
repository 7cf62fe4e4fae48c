/**
 * A public chat room: signed-in users post messages over HTTP, which are broadcast to
 * channel {@code chat.lobby}; a user mentioned with {@code @name} also hears of it on
 * their own channel, {@code private-user.<name>}.
 */
@NullMarked
package dev.sockets.sample.chat;

import org.jspecify.annotations.NullMarked;
