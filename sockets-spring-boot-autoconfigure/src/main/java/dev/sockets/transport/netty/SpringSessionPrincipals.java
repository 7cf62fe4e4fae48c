package dev.sockets.transport.netty;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;

import dev.sockets.handshake.ClientRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Internal: the principal of a Spring Session session (Redis, JDBC, Hazelcast, …), named
 * by the session cookie, whose value Spring Session writes Base64-encoded by default.
 */
public final class SpringSessionPrincipals implements SessionPrincipals {

	private final SessionRepository<? extends Session> repository;

	private final String cookieName;

	/**
	 * Creates the lookup.
	 * @param repository the application's session repository
	 * @param cookieName the session cookie's name
	 */
	public SpringSessionPrincipals(SessionRepository<? extends Session> repository, String cookieName) {
		this.repository = repository;
		this.cookieName = cookieName;
	}

	@Override
	public @Nullable Principal of(ClientRequest request) {
		String value = request.cookie(this.cookieName);
		if (value == null || value.isEmpty()) {
			return null;
		}
		Session session = find(decoded(value));
		if (session == null) {
			session = find(value);
		}
		return (session != null) ? SecurityContexts.principal(session.getAttribute(SecurityContexts.ATTRIBUTE)) : null;
	}

	private @Nullable Session find(@Nullable String id) {
		if (id == null) {
			return null;
		}
		Session session = this.repository.findById(id);
		return (session != null && !session.isExpired()) ? session : null;
	}

	private static @Nullable String decoded(String value) {
		try {
			return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@Override
	public boolean mayBlock() {
		return true;
	}

}
