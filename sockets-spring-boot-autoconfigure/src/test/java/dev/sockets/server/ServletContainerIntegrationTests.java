package dev.sockets.server;

import dev.sockets.test.RawHandshake;
import dev.sockets.test.TestApplication;
import jakarta.servlet.ServletContext;
import jakarta.websocket.WebSocketContainer;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the servlet transport does, with the container it runs in: small container
 * buffers, compression when asked for, and Tomcat's connection limit kept above the
 * WebSocket cap.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
				"sockets.connection.compression=true" })
class ServletContainerIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private WebServerApplicationContext context;

	@Test
	void shrinksTheContainersMessageBuffers(@Autowired ServletContext servletContext) {
		WebSocketContainer container = (WebSocketContainer) servletContext
			.getAttribute("jakarta.websocket.server.ServerContainer");
		assertThat(container.getDefaultMaxTextMessageBufferSize()).isEqualTo(2048);
		assertThat(container.getDefaultMaxBinaryMessageBufferSize()).isEqualTo(256);
	}

	@Test
	void negotiatesCompressionWhenEnabled() throws Exception {
		assertThat(RawHandshake.responseHead(this.port, "/app/app-key",
				"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"))
			.startsWith("HTTP/1.1 101")
			.containsIgnoringCase("permessage-deflate");
	}

	@Test
	void tomcatKeepsConnectionsForHttpAboveTheWebSocketCap() {
		ConfigurableApplicationContext big = new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=0", "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
					"sockets.admission.max-connections=9000")
			.run();
		try {
			assertThat(maxConnections((WebServerApplicationContext) big)).isGreaterThanOrEqualTo(9000 + 1024);
			assertThat(maxConnections(this.context)).isEqualTo(8192);
		}
		finally {
			big.close();
		}
	}

	private static int maxConnections(WebServerApplicationContext context) {
		TomcatWebServer server = (TomcatWebServer) context.getWebServer();
		return ((AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler()).getMaxConnections();
	}

}
