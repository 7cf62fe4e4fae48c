package dev.sockets.handshake;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;

/**
 * Internal: a request to the application's own web server as a {@link ClientRequest}.
 *
 * @param request the request
 * @param attributes its attributes: the handshake's, or a fresh map
 */
public record ServerHttpClientRequest(ServerHttpRequest request,
		Map<String, Object> attributes) implements ClientRequest {

	@Override
	public URI uri() {
		return this.request.getURI();
	}

	@Override
	public HttpHeaders headers() {
		return this.request.getHeaders();
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress() {
		return this.request.getRemoteAddress();
	}

	@Override
	public @Nullable Principal principal() {
		return this.request.getPrincipal();
	}

}
