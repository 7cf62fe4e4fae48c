package dev.sockets.transport.servlet;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Internal: shrinks Tomcat's WebSocket frame buffers (input, output and encoder: 8 KB
 * each per connection) to 1 KB, for the servlet transport. Tomcat reads their size once,
 * from the system property {@value #PROPERTY}, when its WebSocket classes load, so it is
 * set here, before the web server starts, and only where nothing set it: Pusher messages
 * are small, and a longer frame is read and written in parts of this size. Only with
 * {@code sockets.connection.minimal-tomcat-buffers=true} and the servlet transport, as
 * the property also sets the default message buffers of Tomcat's WebSocket clients in the
 * same JVM.
 */
public final class TomcatWebSocketBuffers implements EnvironmentPostProcessor, Ordered {

	/** The system property Tomcat reads. */
	static final String PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	/** The size set, in bytes. */
	static final int SIZE = 1024;

	private static final String TOMCAT_WEBSOCKET = "org.apache.tomcat.websocket.server.WsSci";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		// spring.main.web-application-type is bound to the application after this runs;
		// the binder reads values as the application's configuration does
		Binder binder = Binder.get(environment);
		WebApplicationType type = binder.bind("spring.main.web-application-type", WebApplicationType.class)
			.orElse(application.getWebApplicationType());
		if (type != WebApplicationType.SERVLET || !ClassUtils.isPresent(TOMCAT_WEBSOCKET, application.getClassLoader())
				|| !binder.bind("sockets.enabled", Boolean.class).orElse(true)
				|| !binder.bind("sockets.connection.minimal-tomcat-buffers", Boolean.class).orElse(false)
				|| "netty".equalsIgnoreCase(binder.bind("sockets.transport", String.class).orElse("servlet").trim())) {
			return;
		}
		if (System.getProperty(PROPERTY) == null) {
			System.setProperty(PROPERTY, String.valueOf(SIZE));
		}
	}

	// after the application's own configuration is read
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
