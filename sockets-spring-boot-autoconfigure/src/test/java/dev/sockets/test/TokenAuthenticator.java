package dev.sockets.test;

import java.security.Principal;
import java.util.List;

import dev.sockets.handshake.SocketAuthenticationException;
import dev.sockets.handshake.SocketAuthenticator;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Accepts {@code <user>-token} from the {@code token} query parameter or the
 * {@code X-Token} header; any other token is refused.
 */
public class TokenAuthenticator implements SocketAuthenticator {

	@Override
	public @Nullable Principal authenticate(ServerHttpRequest request) {
		String token = request.getHeaders().getFirst("X-Token");
		if (token == null) {
			List<String> query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().get("token");
			token = (query != null) ? query.get(0) : null;
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
