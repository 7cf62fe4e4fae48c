package dev.sockets.broker;

import java.util.List;

/**
 * A read of a channel's history, made at one instant.
 *
 * @param head the position of the channel's last recorded event (offset {@code 0} in an
 * epoch without events yet); reading a channel without history starts its epoch
 * @param publications the events read, oldest first, each with its
 * {@link Publication#position() position}
 */
public record History(StreamPosition head, List<Publication> publications) {

	/**
	 * Copies the list.
	 * @param head the position of the last recorded event
	 * @param publications the events read, oldest first
	 */
	public History {
		publications = List.copyOf(publications);
	}

}
