package dev.sockets.protocol;

/**
 * Internal: Pusher error codes we send, with the reason a client sees. The code's range
 * tells pusher-js what to do: 4000-4099 do not reconnect, 4100-4199 reconnect after a
 * back-off, 4200-4299 reconnect at once, 4300-4399 are sent as {@code pusher:error}
 * messages only and never as close codes.
 */
public enum PusherError {

	/** Unknown app key in the connection path. */
	APP_NOT_FOUND(4001, "Application does not exist"),

	/**
	 * The server ended the connection of a user (logout, a ban); pusher-js does not
	 * reconnect.
	 */
	UNAUTHORIZED(4009, "Connection is unauthorized"),

	/** Too many connections on this node or of this user: pusher-js does not retry. */
	OVER_QUOTA(4004, "Application is over connection quota"),

	/** The {@code protocol} query parameter names a version we do not speak. */
	UNSUPPORTED_PROTOCOL(4007, "Unsupported protocol version"),

	/** The connection could not keep up with its outbound messages. */
	OVER_CAPACITY(4100, "Over capacity: the connection could not keep up"),

	/** The server is shutting down: reconnect, most likely to another node. */
	RECONNECT(4200, "Please reconnect immediately"),

	/** The client did not answer a ping in time. */
	PONG_TIMEOUT(4201, "Pong reply not received"),

	/**
	 * A client message was rejected (too large, client events not allowed, or a presence
	 * member's {@code user_info} too large); the connection stays open.
	 */
	CLIENT_EVENT_REJECTED(4301, "Client event rejected");

	private final int code;

	private final String reason;

	PusherError(int code, String reason) {
		this.code = code;
		this.reason = reason;
	}

	/**
	 * The numeric Pusher code.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * A short human-readable reason, short enough for a WebSocket close frame.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * Whether this code may close a connection: 43xx codes must never be close codes,
	 * since pusher-js treats unknown close codes as "do not reconnect".
	 * @return {@code true} for codes below 4300
	 */
	public boolean closesConnection() {
		return this.code < 4300;
	}

}
