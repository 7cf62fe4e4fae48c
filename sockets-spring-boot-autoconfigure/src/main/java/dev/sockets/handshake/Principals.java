package dev.sockets.handshake;

import java.security.Principal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Internal: who is making a request, the same way for WebSocket handshakes and for the
 * authorization endpoint: the principal Spring Security or the container established
 * (session cookie, bearer token, basic authentication), else the first one a
 * {@link SocketAuthenticator} finds, else nobody.
 */
public final class Principals {

	/** The handshake attribute holding the connection's principal. */
	public static final String ATTRIBUTE = Principals.class.getName() + ".principal";

	private final List<SocketAuthenticator> authenticators;

	/**
	 * Creates the resolver.
	 * @param authenticators the application's authenticators, in order
	 */
	public Principals(List<SocketAuthenticator> authenticators) {
		this.authenticators = List.copyOf(authenticators);
	}

	/**
	 * The principal of a request.
	 * @param request the request
	 * @return the principal, or {@code null} when the request is anonymous
	 * @throws SocketAuthenticationException when an authenticator refuses its credentials
	 */
	public @Nullable Principal of(ClientRequest request) {
		Principal principal = request.principal();
		if (principal != null) {
			return principal;
		}
		for (SocketAuthenticator authenticator : this.authenticators) {
			principal = authenticator.authenticate(request);
			if (principal != null) {
				return principal;
			}
		}
		return null;
	}

	/**
	 * The principal the handshake established: the authentication check's, else the
	 * request's own.
	 * @param request a handshake request that passed the checks
	 * @return the principal, or {@code null} for an anonymous connection
	 */
	public static @Nullable Principal established(ClientRequest request) {
		Object principal = request.attributes().get(ATTRIBUTE);
		return (principal instanceof Principal user) ? user : request.principal();
	}

	/**
	 * Whether the application has authenticators, whose code may block.
	 * @return {@code true} when there is one at least
	 */
	public boolean hasAuthenticators() {
		return !this.authenticators.isEmpty();
	}

}
