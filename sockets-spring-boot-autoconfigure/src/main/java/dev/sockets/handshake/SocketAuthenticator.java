package dev.sockets.handshake;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

/**
 * Turns credentials carried by a request, such as a token in the query string or a
 * header, into the principal of a connection: for clients that cannot authenticate the
 * way the rest of the application does (browsers cannot set headers on a WebSocket).
 * <p>
 * Consulted, in {@link org.springframework.core.annotation.Order order}, for WebSocket
 * handshakes and calls to the authorization endpoint whose request carries no principal
 * already (one from Spring Security or the container wins). The first non-null principal
 * is used; throwing {@link SocketAuthenticationException} refuses the request with 401.
 * Called on the request's thread, or on the Netty transport on a thread of its own, never
 * an event loop; it may block briefly (to verify a token, say).
 */
@FunctionalInterface
public interface SocketAuthenticator {

	/**
	 * The principal for this request.
	 * @param request the handshake or authorization request
	 * @return the principal, or {@code null} when the request carries no credentials this
	 * authenticator understands
	 * @throws SocketAuthenticationException when it carries credentials that are not
	 * valid
	 */
	@Nullable Principal authenticate(ClientRequest request);

}
