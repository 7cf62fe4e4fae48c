package dev.sockets.transport.netty;

import java.security.Principal;

import dev.sockets.handshake.ClientRequest;
import org.jspecify.annotations.Nullable;

/**
 * Internal: finds the principal of a handshake on the Netty port in the browser's
 * session, which the application's own server keeps: the session the request's cookie
 * names, and Spring Security's context in it. The Netty port runs none of the
 * application's filters, so this is how a page logged in with a session cookie keeps its
 * user.
 */
public interface SessionPrincipals {

	/** Finds nobody. */
	SessionPrincipals NONE = new SessionPrincipals() {

		@Override
		public @Nullable Principal of(ClientRequest request) {
			return null;
		}

		@Override
		public boolean mayBlock() {
			return false;
		}

	};

	/**
	 * The principal of the request's session.
	 * @param request the handshake
	 * @return the authenticated principal, or {@code null} without a session or
	 * authentication
	 */
	@Nullable Principal of(ClientRequest request);

	/**
	 * Whether finding a session may block (a store such as Redis or JDBC), so that
	 * handshakes must be checked off the event loops.
	 * @return {@code true} for a store outside the process
	 */
	boolean mayBlock();

}
