package dev.sockets.broker;

import java.util.regex.Pattern;

/**
 * Where an event stands in a channel's history: an epoch, which changes whenever the
 * history is lost (it expired, or Redis restarted empty), and an offset, which counts the
 * channel's recorded events within the epoch from 1. A position names what a client has
 * seen; recovery replays what follows it.
 *
 * @param epoch the history's epoch: 1 to 64 letters, digits, {@code -} or {@code _}
 * @param offset the offset within the epoch, {@code 0} before the first event
 */
public record StreamPosition(String epoch, long offset) {

	private static final Pattern EPOCH = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	/**
	 * Checks the position.
	 * @param epoch the epoch
	 * @param offset the offset
	 * @throws IllegalArgumentException if the epoch has other characters or the offset is
	 * negative
	 */
	public StreamPosition {
		if (!EPOCH.matcher(epoch).matches()) {
			throw new IllegalArgumentException(
					"An epoch has 1 to 64 letters, digits, '-' or '_', not \"" + abbreviate(epoch) + "\"");
		}
		if (offset < 0) {
			throw new IllegalArgumentException("An offset is 0 or more, not " + offset);
		}
	}

	/**
	 * The position as the wire carries it: {@code {"epoch":"…","offset":N}}.
	 * @return the JSON object
	 */
	public String toJson() {
		// the epoch's characters need no escaping
		return "{\"epoch\":\"" + this.epoch + "\",\"offset\":" + this.offset + "}";
	}

	private static String abbreviate(String text) {
		return (text.length() <= 70) ? text : text.substring(0, 67) + "...";
	}

}
