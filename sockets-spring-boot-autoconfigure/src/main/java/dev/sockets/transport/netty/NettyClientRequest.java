package dev.sockets.transport.netty;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

import dev.sockets.handshake.ClientRequest;
import io.netty.handler.codec.http.HttpRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.support.Netty4HeadersAdapter;

/**
 * A handshake on the Netty port as a {@link ClientRequest}. Its URI is absolute, from the
 * Host header and the port's scheme, so the origin check can compare origins; its
 * principal is the one of the browser's session, where the session is readable.
 */
final class NettyClientRequest implements ClientRequest {

	private final URI uri;

	private final HttpHeaders headers;

	private final @Nullable InetSocketAddress remoteAddress;

	private final SessionPrincipals sessions;

	private final Map<String, Object> attributes = new HashMap<>();

	private boolean principalFound;

	private @Nullable Principal principal;

	private NettyClientRequest(URI uri, HttpHeaders headers, @Nullable InetSocketAddress remoteAddress,
			SessionPrincipals sessions) {
		this.uri = uri;
		this.headers = headers;
		this.remoteAddress = remoteAddress;
		this.sessions = sessions;
	}

	static NettyClientRequest of(HttpRequest request, boolean secure, @Nullable InetSocketAddress remoteAddress,
			SessionPrincipals sessions) {
		// a view of Netty's headers, not a copy: most handshakes read two or three of
		// them
		HttpHeaders headers = new HttpHeaders(new Netty4HeadersAdapter(request.headers()));
		String host = request.headers().get("Host", "localhost");
		URI uri;
		try {
			uri = URI.create((secure ? "https://" : "http://") + host + request.uri());
		}
		catch (IllegalArgumentException ex) {
			// a Host no origin can match
			uri = URI.create(secure ? "https://host.invalid/" : "http://host.invalid/");
		}
		return new NettyClientRequest(uri, HttpHeaders.readOnlyHttpHeaders(headers), remoteAddress, sessions);
	}

	@Override
	public URI uri() {
		return this.uri;
	}

	@Override
	public HttpHeaders headers() {
		return this.headers;
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	// the session's, looked up once, when the authentication check asks; one thread at a
	// time runs the checks
	@Override
	public @Nullable Principal principal() {
		if (!this.principalFound) {
			this.principal = this.sessions.of(this);
			this.principalFound = true;
		}
		return this.principal;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

}
