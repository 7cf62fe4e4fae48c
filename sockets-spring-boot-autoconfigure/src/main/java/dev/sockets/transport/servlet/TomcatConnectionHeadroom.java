package dev.sockets.transport.servlet;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Internal: keeps Tomcat's connection limit above the WebSocket cap. WebSockets and HTTP
 * requests share Tomcat's connections (8,192 by default): with the cap at or near that, a
 * full node would leave no connection for the HTTP API and the auth endpoints. Runs after
 * Boot's own customizer, which applies {@code server.tomcat.max-connections}; a limit the
 * application set itself is left alone (the auto-configuration does not register this
 * then).
 */
public final class TomcatConnectionHeadroom
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private final int wanted;

	/**
	 * Creates the customizer.
	 * @param webSocketCap the most WebSocket connections the node holds
	 */
	public TomcatConnectionHeadroom(int webSocketCap) {
		this.wanted = (int) Math.min(Integer.MAX_VALUE, (long) webSocketCap + Math.max(1024, webSocketCap / 10));
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addConnectorCustomizers(this::raise);
	}

	private void raise(Connector connector) {
		if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol && protocol.getMaxConnections() >= 0
				&& protocol.getMaxConnections() < this.wanted) {
			protocol.setMaxConnections(this.wanted);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
