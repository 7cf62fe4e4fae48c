package dev.sockets.connection;

import dev.sockets.protocol.Frame;

/**
 * Internal: a frame of a channel's history, with its position.
 *
 * @param frame the frame
 * @param epoch its history's epoch
 * @param offset its offset in the epoch
 */
public record RecordedFrame(Frame frame, String epoch, long offset) {

}
