package dev.sockets.transport.servlet;

import java.time.Duration;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Internal: the limits of Tomcat's connector that admission control needs. WebSockets and
 * HTTP requests share Tomcat's connections (8,192 by default): with a WebSocket cap at or
 * near that, a full node would leave none for the HTTP API and the auth endpoints, so the
 * limit is kept above the cap. And a client that trickles its request headers holds a
 * connection as long as each byte comes within the connection timeout, so that timeout is
 * the handshake timeout. Runs after Boot's own customizer, which applies
 * {@code server.tomcat.*}; the auto-configuration leaves out what the application set
 * itself.
 */
public final class TomcatLimits implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private final int maxConnections;

	private final @Nullable Duration handshakeTimeout;

	/**
	 * Creates the customizer.
	 * @param webSocketCap the most WebSocket connections the node holds; 0 to leave the
	 * connection limit alone
	 * @param handshakeTimeout the connection timeout while a request arrives, or
	 * {@code null} to leave it alone
	 */
	public TomcatLimits(int webSocketCap, @Nullable Duration handshakeTimeout) {
		this.maxConnections = (webSocketCap <= 0) ? 0
				: (int) Math.min(Integer.MAX_VALUE, (long) webSocketCap + Math.max(1024, webSocketCap / 10));
		this.handshakeTimeout = handshakeTimeout;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addConnectorCustomizers(this::apply);
	}

	private void apply(Connector connector) {
		if (!(connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol)) {
			return;
		}
		if (this.maxConnections > 0 && protocol.getMaxConnections() >= 0
				&& protocol.getMaxConnections() < this.maxConnections) {
			protocol.setMaxConnections(this.maxConnections);
		}
		if (this.handshakeTimeout != null) {
			protocol.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, this.handshakeTimeout.toMillis()));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
