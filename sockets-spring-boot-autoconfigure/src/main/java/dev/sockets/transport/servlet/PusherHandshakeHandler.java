package dev.sockets.transport.servlet;

import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import dev.sockets.handshake.Principals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * Internal: the handshake handler. Unless compression is enabled it hides the client's
 * extension offer from the container: permessage-deflate costs about 300 KB of native
 * memory per connection while Pusher frames are small, and Tomcat negotiates every
 * extension it has installed when it is given none.
 */
public final class PusherHandshakeHandler extends DefaultHandshakeHandler {

	/**
	 * Creates the handler for the running container.
	 * @param compression whether to negotiate the extensions clients offer, such as
	 * permessage-deflate
	 */
	public PusherHandshakeHandler(boolean compression) {
		super(compression ? detected() : new WithoutExtensions(detected()));
	}

	// the principal the authentication interceptor established, which may come from a
	// SocketAuthenticator rather than the request
	@Override
	protected @Nullable Principal determineUser(ServerHttpRequest request, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		Object principal = attributes.get(Principals.ATTRIBUTE);
		return (principal instanceof Principal user) ? user : super.determineUser(request, wsHandler, attributes);
	}

	private static RequestUpgradeStrategy detected() {
		return new DefaultHandshakeHandler().getRequestUpgradeStrategy();
	}

	private static final class WithoutExtensions implements RequestUpgradeStrategy {

		private static final String HEADER = "Sec-WebSocket-Extensions";

		private final RequestUpgradeStrategy delegate;

		WithoutExtensions(RequestUpgradeStrategy delegate) {
			this.delegate = delegate;
		}

		@Override
		public String[] getSupportedVersions() {
			return this.delegate.getSupportedVersions();
		}

		@Override
		public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
			return List.of();
		}

		@Override
		public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
				List<WebSocketExtension> selectedExtensions, @Nullable Principal user, WebSocketHandler handler,
				Map<String, Object> attributes) throws HandshakeFailureException {
			if (request instanceof ServletServerHttpRequest servlet) {
				request = new ServletServerHttpRequest(new HeaderHidden(servlet.getServletRequest()));
			}
			this.delegate.upgrade(request, response, selectedProtocol, List.of(), user, handler, attributes);
		}

	}

	private static final class HeaderHidden extends HttpServletRequestWrapper {

		HeaderHidden(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable String getHeader(String name) {
			return WithoutExtensions.HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return WithoutExtensions.HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
					: super.getHeaders(name);
		}

	}

}
