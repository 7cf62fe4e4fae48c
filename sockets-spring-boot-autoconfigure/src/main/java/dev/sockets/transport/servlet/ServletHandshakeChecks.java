package dev.sockets.transport.servlet;

import java.util.Map;

import dev.sockets.handshake.HandshakeChecks;
import dev.sockets.handshake.HandshakeRefusal;
import dev.sockets.handshake.ServerHttpClientRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Internal: runs the {@link HandshakeChecks} as spring-websocket's handshake interceptor
 * and writes a refusal as the response.
 */
public final class ServletHandshakeChecks implements HandshakeInterceptor {

	private static final Log logger = LogFactory.getLog(ServletHandshakeChecks.class);

	private final HandshakeChecks checks;

	/**
	 * Creates the interceptor.
	 * @param checks the checks to run
	 */
	public ServletHandshakeChecks(HandshakeChecks checks) {
		this.checks = checks;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		HandshakeRefusal refusal = this.checks.check(new ServerHttpClientRequest(request, attributes));
		if (refusal == null) {
			return true;
		}
		response.setStatusCode(refusal.status());
		refusal.headers().forEach(response.getHeaders()::set);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		byte[] body = refusal.body();
		response.getHeaders().setContentLength(body.length);
		try {
			response.getBody().write(body);
		}
		catch (Exception ex) {
			logger.debug("Could not write the refusal of a handshake", ex);
		}
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

}
