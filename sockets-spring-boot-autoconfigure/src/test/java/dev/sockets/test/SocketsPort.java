package dev.sockets.test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Where a test's clients connect: the Netty server's port when the test runs the Netty
 * transport, else the application's own. The HTTP API is served there too; the
 * authorization endpoints and Actuator stay on the application's port
 * ({@code @LocalServerPort}).
 */
public final class SocketsPort {

	/** For {@code @Value}: the sockets port of the running test application. */
	public static final String VALUE = "${local.sockets.netty.port:${local.server.port}}";

	/** The properties that switch a test to the Netty transport, on a free port. */
	public static final String NETTY = "sockets.transport=netty";

	/** The Netty server's port property, a free one. */
	public static final String FREE_NETTY_PORT = "sockets.netty.port=0";

	private SocketsPort() {
	}

	/**
	 * The sockets port of a running node.
	 * @param node the node
	 * @return the Netty server's port when it runs one, else the application's
	 */
	public static int of(ConfigurableApplicationContext node) {
		Environment environment = node.getEnvironment();
		String port = environment.getProperty("local.sockets.netty.port", environment.getProperty("local.server.port"));
		if (port == null) {
			throw new IllegalStateException("The node serves no port");
		}
		return Integer.parseInt(port);
	}

}
