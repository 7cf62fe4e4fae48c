package dev.sockets.handshake;

import java.security.Principal;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;

/**
 * Internal: establishes the connection's principal before the upgrade and refuses, with
 * 401, credentials an authenticator rejects and, when anonymous connections are not
 * allowed, a handshake without any; no socket is opened for either.
 */
public final class AuthenticationCheck implements SocketHandshakeInterceptor, Ordered {

	private static final Log logger = LogFactory.getLog(AuthenticationCheck.class);

	private final Principals principals;

	private final boolean allowAnonymous;

	private final LongAdder refused = new LongAdder();

	/**
	 * Creates the check.
	 * @param principals finds the principal of a request
	 * @param allowAnonymous whether connections without a principal are accepted
	 */
	public AuthenticationCheck(Principals principals, boolean allowAnonymous) {
		this.principals = principals;
		this.allowAnonymous = allowAnonymous;
	}

	@Override
	public @Nullable HandshakeRefusal beforeHandshake(ClientRequest request) {
		Principal principal;
		try {
			principal = this.principals.of(request);
		}
		catch (SocketAuthenticationException ex) {
			this.refused.increment();
			logger.debug("Refused a handshake from " + request.remoteAddress() + ": " + ex.getMessage(), ex);
			return HandshakeRefusal.of(HttpStatus.UNAUTHORIZED, ex.getMessage());
		}
		if (principal == null) {
			if (this.allowAnonymous) {
				return null;
			}
			this.refused.increment();
			return HandshakeRefusal.of(HttpStatus.UNAUTHORIZED, "Authentication is required");
		}
		request.attributes().put(Principals.ATTRIBUTE, principal);
		return null;
	}

	/**
	 * Whether finding the principal may block: when the application has authenticators,
	 * which may verify a token or read a session.
	 * @return {@code true} unless only the request's own principal is consulted
	 */
	public boolean mayBlock() {
		return this.principals.hasAuthenticators();
	}

	/**
	 * Handshakes refused for missing or invalid credentials.
	 * @return the count
	 */
	public long refusedCount() {
		return this.refused.sum();
	}

	@Override
	public int getOrder() {
		return AUTHENTICATION_ORDER;
	}

}
