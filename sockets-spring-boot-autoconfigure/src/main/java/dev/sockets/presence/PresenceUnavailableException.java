package dev.sockets.presence;

/**
 * Thrown by a {@link PresenceStore} that cannot answer now (its Redis is unreachable);
 * the subscription is refused with status 503 and the client may retry.
 */
public class PresenceUnavailableException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message why presence is unavailable
	 */
	public PresenceUnavailableException(String message) {
		super(message);
	}

	/**
	 * Creates the exception.
	 * @param message what is unavailable
	 * @param cause the store's error
	 */
	public PresenceUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
