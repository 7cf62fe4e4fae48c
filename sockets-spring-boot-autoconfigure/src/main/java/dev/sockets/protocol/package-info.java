/**
 * The Pusher Channels protocol v7 on the wire: frames, channel names, error codes and
 * signatures.
 */
@NullMarked
package dev.sockets.protocol;

import org.jspecify.annotations.NullMarked;
