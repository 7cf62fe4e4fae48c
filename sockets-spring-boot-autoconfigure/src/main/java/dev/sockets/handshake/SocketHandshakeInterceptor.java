package dev.sockets.handshake;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * A check of the sockets endpoint's handshakes: every bean of this type runs before the
 * upgrade, on either transport, ordered by
 * {@link org.springframework.core.annotation.Order @Order} or {@link Ordered}, and may
 * refuse it (an IP block list, say). The built-in rate limit per address runs at
 * {@link #RATE_LIMIT_ORDER}, the origin check at {@link #ORIGIN_ORDER} and the
 * authentication at {@link #AUTHENTICATION_ORDER}; unordered interceptors run after them.
 * Interceptors run on the request's thread on the servlet transport, and on a thread of
 * their own on the Netty transport, never on an event loop, so they may block briefly.
 */
@FunctionalInterface
public interface SocketHandshakeInterceptor {

	/** The order of the rate limit per client address, the first check. */
	int RATE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 500;

	/** The order of the origin check. */
	int ORIGIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

	/** The order of authentication, after the origin check. */
	int AUTHENTICATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 2000;

	/**
	 * Checks a handshake before the upgrade.
	 * @param request the handshake request; attributes put into it become the
	 * connection's
	 * @return {@code null} to let it go on, or the refusal to answer it with
	 */
	@Nullable HandshakeRefusal beforeHandshake(ClientRequest request);

}
