package dev.sockets.server;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * A client connected and was sent its socket id. Published on the connection's thread;
 * keep listeners quick or make them {@code @Async}.
 */
public class ConnectionOpenedEvent extends ApplicationEvent {

	private final String socketId;

	private final @Nullable Principal principal;

	/**
	 * Creates the event.
	 * @param source the publisher
	 * @param socketId the connection's socket id
	 * @param principal the user from the handshake, or {@code null}
	 */
	public ConnectionOpenedEvent(Object source, String socketId, @Nullable Principal principal) {
		super(source);
		this.socketId = socketId;
		this.principal = principal;
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

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[socketId=" + this.socketId + "]";
	}

}
