package dev.sockets.handshake;

import org.springframework.core.Ordered;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * A handshake interceptor of the sockets endpoint: every bean of this type runs before
 * the upgrade, ordered by {@link org.springframework.core.annotation.Order @Order} or
 * {@link Ordered}, and may refuse it by setting a status and returning {@code false} (an
 * IP block list, say). The built-in origin check runs at {@link #ORIGIN_ORDER} and the
 * authentication at {@link #AUTHENTICATION_ORDER}; unordered interceptors run after both.
 */
public interface SocketHandshakeInterceptor extends HandshakeInterceptor {

	/** The order of the origin check. */
	int ORIGIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

	/** The order of authentication, after the origin check. */
	int AUTHENTICATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 2000;

}
