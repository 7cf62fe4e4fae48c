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

/**
 * A handshake on the Netty port as a {@link ClientRequest}. Its URI is absolute, from the
 * Host header and the port's scheme, so the origin check can compare origins.
 */
final class NettyClientRequest implements ClientRequest {

	private final URI uri;

	private final HttpHeaders headers;

	private final @Nullable InetSocketAddress remoteAddress;

	private final @Nullable Principal principal;

	private final Map<String, Object> attributes = new HashMap<>();

	private NettyClientRequest(URI uri, HttpHeaders headers, @Nullable InetSocketAddress remoteAddress,
			@Nullable Principal principal) {
		this.uri = uri;
		this.headers = headers;
		this.remoteAddress = remoteAddress;
		this.principal = principal;
	}

	static NettyClientRequest of(HttpRequest request, boolean secure, @Nullable InetSocketAddress remoteAddress,
			@Nullable Principal principal) {
		HttpHeaders headers = new HttpHeaders();
		request.headers().forEach((entry) -> headers.add(entry.getKey(), entry.getValue()));
		String host = request.headers().get("Host", "localhost");
		URI uri;
		try {
			uri = URI.create((secure ? "https://" : "http://") + host + request.uri());
		}
		catch (IllegalArgumentException ex) {
			// a Host no origin can match
			uri = URI.create(secure ? "https://host.invalid/" : "http://host.invalid/");
		}
		return new NettyClientRequest(uri, HttpHeaders.readOnlyHttpHeaders(headers), remoteAddress, principal);
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

	@Override
	public @Nullable Principal principal() {
		return this.principal;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

}
