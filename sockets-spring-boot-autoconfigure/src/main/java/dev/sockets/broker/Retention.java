package dev.sockets.broker;

import java.time.Duration;

/**
 * How much of a channel's history a {@link Broker} keeps: its namespace's {@code history}
 * settings.
 *
 * @param size the most events kept; older ones are dropped as new ones come
 * @param timeToLive how long the history is kept after the channel's last event; once it
 * expired the channel starts a new epoch
 */
public record Retention(int size, Duration timeToLive) {

	/**
	 * Checks the settings.
	 * @param size the most events kept, 1 or more
	 * @param timeToLive how long the history is kept, at least a millisecond
	 * @throws IllegalArgumentException if either is out of range
	 */
	public Retention {
		if (size < 1) {
			throw new IllegalArgumentException("A history keeps at least 1 event, not " + size);
		}
		if (timeToLive.toMillis() < 1) {
			throw new IllegalArgumentException("A history's time to live is at least 1ms, not " + timeToLive);
		}
	}

}
