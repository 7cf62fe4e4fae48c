package dev.sockets.test.client;

/**
 * A WebSocket handshake the server answered with an HTTP error instead of upgrading.
 */
public final class HandshakeRefusedException extends RuntimeException {

	private final int status;

	HandshakeRefusedException(int status, String body) {
		super("The handshake was refused with HTTP " + status + (body.isEmpty() ? "" : ": " + body));
		this.status = status;
	}

	/**
	 * The HTTP status of the refusal.
	 * @return 401 or 403, say
	 */
	public int status() {
		return this.status;
	}

}
