package dev.sockets.broker;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the recent history of channels that keep one (a namespace with
 * {@code history.size}), on every node: what a page loads over REST before it subscribes,
 * or what an admin screen shows. <pre>{@code
 * history.recent("chat.lobby", 50).thenApply(ChannelHistory.Recent::events);
 * }</pre>
 */
public interface ChannelHistory {

	/**
	 * Whether a channel keeps a history.
	 * @param channel the channel
	 * @return {@code true} if its namespace keeps one
	 */
	boolean keepsHistory(String channel);

	/**
	 * The newest events of a channel, oldest first, and the channel's position.
	 * @param channel the channel
	 * @param limit the most events, 1 or more (at most the history's size are kept)
	 * @return completes with the events, or exceptionally when the history cannot be read
	 * (Redis unreachable)
	 * @throws IllegalArgumentException if the channel keeps no history or the limit is
	 * below 1
	 */
	CompletableFuture<Recent> recent(String channel, int limit);

	/**
	 * A channel's newest events.
	 *
	 * @param position the position of the channel's last event: a client that subscribes
	 * with it gets every event after these
	 * @param events the events, oldest first
	 */
	record Recent(StreamPosition position, List<Event> events) {

		/**
		 * Copies the list.
		 * @param position the position of the channel's last event
		 * @param events the events, oldest first
		 */
		public Recent {
			events = List.copyOf(events);
		}

	}

	/**
	 * One recorded event.
	 *
	 * @param name the event's name
	 * @param data its data, as sent to subscribers (usually JSON text)
	 * @param position its position
	 */
	record Event(String name, String data, StreamPosition position) {

	}

}
