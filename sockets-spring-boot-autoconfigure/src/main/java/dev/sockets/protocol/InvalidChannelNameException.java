package dev.sockets.protocol;

/**
 * A channel name that breaks Pusher's naming rules.
 */
public class InvalidChannelNameException extends IllegalArgumentException {

	/**
	 * Creates an exception.
	 * @param message the rule that was broken
	 */
	public InvalidChannelNameException(String message) {
		super(message);
	}

}
