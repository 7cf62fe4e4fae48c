package dev.sockets.handshake;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Internal: refuses, with 403 before the upgrade, a handshake from a browser page of
 * another origin (cross-site WebSocket hijacking). The Origin header must be the
 * request's own origin, or match one of the allowed origins and patterns (judged by
 * Spring's {@link CorsConfiguration}). A handshake without an Origin header comes from a
 * non-browser client and is accepted unless configured otherwise.
 */
public final class OriginCheck implements SocketHandshakeInterceptor, Ordered {

	private final CorsConfiguration allowed = new CorsConfiguration();

	private final boolean allowMissingOrigin;

	private final LongAdder refused = new LongAdder();

	/**
	 * Creates the check.
	 * @param allowedOriginPatterns exact origins or patterns such as
	 * {@code https://*.example.com}; empty for same-origin only
	 * @param allowMissingOrigin whether handshakes without an Origin header are accepted
	 */
	public OriginCheck(List<String> allowedOriginPatterns, boolean allowMissingOrigin) {
		this.allowed.setAllowedOriginPatterns(allowedOriginPatterns);
		this.allowMissingOrigin = allowMissingOrigin;
	}

	@Override
	public @Nullable HandshakeRefusal beforeHandshake(ClientRequest request) {
		String origin = request.headers().getFirst(HttpHeaders.ORIGIN);
		if (origin == null) {
			return this.allowMissingOrigin ? null : refuse("An Origin header is required");
		}
		URI parsed;
		try {
			parsed = new URI(origin);
		}
		catch (URISyntaxException ex) {
			return refuse("The Origin header is malformed");
		}
		if (parsed.getScheme() == null || parsed.getHost() == null) {
			return refuse("The Origin header is malformed");
		}
		if (isSameOrigin(parsed, request.uri()) || this.allowed.checkOrigin(origin) != null) {
			return null;
		}
		return refuse("Origin " + origin + " is not allowed");
	}

	private HandshakeRefusal refuse(String message) {
		this.refused.increment();
		return HandshakeRefusal.of(HttpStatus.FORBIDDEN, message);
	}

	// scheme, host and port, as RFC 6454 compares them
	private static boolean isSameOrigin(URI origin, URI request) {
		String scheme = request.getScheme();
		String host = request.getHost();
		if (scheme == null || host == null) {
			return false;
		}
		String originScheme = origin.getScheme().toLowerCase(Locale.ROOT);
		return originScheme.equals(httpScheme(scheme)) && origin.getHost().equalsIgnoreCase(host)
				&& port(originScheme, origin.getPort()) == port(httpScheme(scheme), request.getPort());
	}

	private static String httpScheme(String scheme) {
		String lower = scheme.toLowerCase(Locale.ROOT);
		return switch (lower) {
			case "ws" -> "http";
			case "wss" -> "https";
			default -> lower;
		};
	}

	private static int port(String scheme, int port) {
		if (port != -1) {
			return port;
		}
		return "https".equals(scheme) ? 443 : 80;
	}

	/**
	 * Handshakes refused for their origin.
	 * @return the count
	 */
	public long refusedCount() {
		return this.refused.sum();
	}

	@Override
	public int getOrder() {
		return ORIGIN_ORDER;
	}

}
