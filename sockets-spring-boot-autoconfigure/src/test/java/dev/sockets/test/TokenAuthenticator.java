package dev.sockets.test;

import java.security.Principal;

import dev.sockets.handshake.ClientRequest;
import dev.sockets.handshake.SocketAuthenticationException;
import dev.sockets.handshake.SocketAuthenticator;
import org.jspecify.annotations.Nullable;

/**
 * Accepts {@code <user>-token} from the {@code token} query parameter or the
 * {@code X-Token} header; any other token is refused.
 */
public class TokenAuthenticator implements SocketAuthenticator {

	@Override
	public @Nullable Principal authenticate(ClientRequest request) {
		String token = request.headers().getFirst("X-Token");
		if (token == null) {
			token = request.queryParameter("token");
		}
		if (token == null) {
			return null;
		}
		if (!token.endsWith("-token")) {
			throw new SocketAuthenticationException("Token rejected");
		}
		String user = token.substring(0, token.length() - "-token".length());
		return () -> user;
	}

}
