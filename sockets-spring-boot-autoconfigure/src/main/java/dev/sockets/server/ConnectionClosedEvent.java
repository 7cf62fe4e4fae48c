package dev.sockets.server;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * A connection closed, for whatever reason, after its subscriptions were removed.
 * Published on the connection's thread; keep listeners quick or make them {@code @Async}.
 */
public class ConnectionClosedEvent extends ApplicationEvent {

	private final String socketId;

	private final @Nullable Principal principal;

	private final int closeCode;

	/**
	 * Creates the event.
	 * @param source the publisher
	 * @param socketId the connection's socket id
	 * @param principal the user from the handshake, or {@code null}
	 * @param closeCode the WebSocket close code
	 */
	public ConnectionClosedEvent(Object source, String socketId, @Nullable Principal principal, int closeCode) {
		super(source);
		this.socketId = socketId;
		this.principal = principal;
		this.closeCode = closeCode;
	}

	/**
	 * The connection's socket id.
	 * @return the socket id
	 */
	public String getSocketId() {
		return this.socketId;
	}

	/**
	 * The user from the handshake.
	 * @return the principal, or {@code null} when anonymous
	 */
	public @Nullable Principal getPrincipal() {
		return this.principal;
	}

	/**
	 * The WebSocket close code, e.g. 1000 for a normal close, 1006 for a dropped
	 * connection, 4100 for one that could not keep up.
	 * @return the code
	 */
	public int getCloseCode() {
		return this.closeCode;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[socketId=" + this.socketId + ", closeCode=" + this.closeCode + "]";
	}

}
