package dev.sockets.handshake;

/**
 * Thrown by a {@link SocketAuthenticator} for credentials that are present but not valid
 * (a forged or expired token); the request is refused with 401 and this message.
 */
public class SocketAuthenticationException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what is wrong, sent to the client; do not reveal secrets
	 */
	public SocketAuthenticationException(String message) {
		super(message);
	}

	/**
	 * Creates the exception with a cause, which is logged but not sent.
	 * @param message what is wrong, sent to the client
	 * @param cause the cause
	 */
	public SocketAuthenticationException(String message, Throwable cause) {
		super(message, cause);
	}

}
