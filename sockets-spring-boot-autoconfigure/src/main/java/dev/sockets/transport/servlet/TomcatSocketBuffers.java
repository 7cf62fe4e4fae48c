package dev.sockets.transport.servlet;

import java.util.List;

import org.apache.catalina.connector.Connector;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Internal: shrinks the read and write buffers Tomcat's connector keeps for every
 * connection ({@code socket.appReadBufSize} and {@code socket.appWriteBufSize}) from 8 KB
 * each to 1 KB, as an upgraded WebSocket keeps them for its lifetime. A response larger
 * than the write buffer is written straight from its own buffer, so only reads change: a
 * large request body on the same server is read in 1 KB system calls. A size the
 * application changed itself is left alone.
 */
public final class TomcatSocketBuffers
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	/** Tomcat's default for both. */
	static final int TOMCAT_DEFAULT = 8192;

	/** The size set, in bytes. */
	static final int SIZE = 1024;

	private final List<String> properties;

	/**
	 * Creates the customizer.
	 * @param writeBuffer whether to shrink the write buffer too
	 */
	public TomcatSocketBuffers(boolean writeBuffer) {
		this.properties = writeBuffer ? List.of("socket.appReadBufSize", "socket.appWriteBufSize")
				: List.of("socket.appReadBufSize");
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addConnectorCustomizers(this::apply);
	}

	private void apply(Connector connector) {
		for (String property : this.properties) {
			if (String.valueOf(TOMCAT_DEFAULT).equals(String.valueOf(connector.getProperty(property)))) {
				connector.setProperty(property, String.valueOf(SIZE));
			}
		}
	}

	// after the application's own customizers, so a size they set is seen and kept
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
