package dev.sockets.handshake;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * A handshake interceptor of the sockets endpoint: every bean of this type runs before
 * the upgrade, ordered by {@link org.springframework.core.annotation.Order @Order} or
 * {@link Ordered}, and may refuse it by setting a status and returning {@code false} (an
 * IP block list, say). The built-in rate limit per address runs at
 * {@link #RATE_LIMIT_ORDER}, the origin check at {@link #ORIGIN_ORDER} and the
 * authentication at {@link #AUTHENTICATION_ORDER}; unordered interceptors run after them.
 */
public interface SocketHandshakeInterceptor extends HandshakeInterceptor {

	/** The order of the rate limit per client address, the first check. */
	int RATE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 500;

	/** The order of the origin check. */
	int ORIGIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

	/** The order of authentication, after the origin check. */
	int AUTHENTICATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 2000;

	/**
	 * Nothing to do after the handshake, unless an interceptor says otherwise.
	 */
	@Override
	default void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

}
