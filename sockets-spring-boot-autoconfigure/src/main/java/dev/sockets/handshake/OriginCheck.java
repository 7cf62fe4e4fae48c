package dev.sockets.handshake;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;

/**
 * Internal: refuses, with 403 before the upgrade, a handshake from a browser page of
 * another origin (cross-site WebSocket hijacking). Spring's
 * {@link OriginHandshakeInterceptor} judges the Origin header: same origin, or one of the
 * allowed origins and patterns. A handshake without an Origin header comes from a
 * non-browser client and is accepted unless configured otherwise.
 */
public final class OriginCheck implements SocketHandshakeInterceptor, Ordered {

	private final OriginHandshakeInterceptor origins = new OriginHandshakeInterceptor();

	private final boolean allowMissingOrigin;

	private final LongAdder refused = new LongAdder();

	/**
	 * Creates the check.
	 * @param allowedOriginPatterns exact origins or patterns such as
	 * {@code https://*.example.com}; empty for same-origin only
	 * @param allowMissingOrigin whether handshakes without an Origin header are accepted
	 */
	public OriginCheck(List<String> allowedOriginPatterns, boolean allowMissingOrigin) {
		this.origins.setAllowedOriginPatterns(allowedOriginPatterns);
		this.allowMissingOrigin = allowMissingOrigin;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) throws Exception {
		if (request.getHeaders().getFirst(HttpHeaders.ORIGIN) == null) {
			if (this.allowMissingOrigin) {
				return true;
			}
			this.refused.increment();
			return HandshakeRefusal.refuse(response, HttpStatus.FORBIDDEN, "An Origin header is required");
		}
		boolean allowed;
		try {
			allowed = this.origins.beforeHandshake(request, response, wsHandler, attributes);
		}
		catch (RuntimeException ex) {
			// Spring's same-origin check parses the header as a URL, and a malformed one
			// (http://%zz, http://a:b:c) throws: the client's fault, answered like any
			// other refusal, with nothing in the log
			this.refused.increment();
			return HandshakeRefusal.refuse(response, HttpStatus.FORBIDDEN, "The Origin header is malformed");
		}
		if (!allowed) {
			this.refused.increment();
			return HandshakeRefusal.refuse(response, HttpStatus.FORBIDDEN,
					"Origin " + request.getHeaders().getFirst(HttpHeaders.ORIGIN) + " is not allowed");
		}
		return true;
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
