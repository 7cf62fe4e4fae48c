package dev.sockets.protocol;

/**
 * Internal: a client message that is not valid Pusher protocol; its message is safe to
 * show to the client.
 */
public class MalformedMessageException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what is wrong, in words a client developer understands
	 */
	public MalformedMessageException(String message) {
		super(message, null, false, false);
	}

}
