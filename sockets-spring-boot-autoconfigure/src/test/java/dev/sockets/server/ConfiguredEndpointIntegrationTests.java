package dev.sockets.server;

import dev.sockets.test.PusherTestClient;
import dev.sockets.test.RawHandshake;
import dev.sockets.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint with its defaults changed: a path prefix, allowed origins and compression.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
				"sockets.path-prefix=/realtime", "sockets.allowed-origins=https://*.example.com",
				"sockets.connection.compression=true" })
class ConfiguredEndpointIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void servesTheEndpointUnderThePrefix() throws Exception {
		try (PusherTestClient client = PusherTestClient
			.connect("ws://127.0.0.1:" + this.port + "/realtime/app/app-key?protocol=7")) {
			client.subscribeAndAwait("prefixed");
		}
		assertThat(RawHandshake.responseHead(this.port, "/app/app-key", "")).doesNotStartWith("HTTP/1.1 101");
	}

	@Test
	void allowsConfiguredOriginPatternsOnly() throws Exception {
		assertThat(
				RawHandshake.responseHead(this.port, "/realtime/app/app-key", "Origin: https://chat.example.com\r\n"))
			.startsWith("HTTP/1.1 101");
		assertThat(RawHandshake.responseHead(this.port, "/realtime/app/app-key", "Origin: https://example.org\r\n"))
			.startsWith("HTTP/1.1 403");
	}

	@Test
	void shrinksTheContainersMessageBuffers(
			@org.springframework.beans.factory.annotation.Autowired jakarta.servlet.ServletContext servletContext) {
		jakarta.websocket.WebSocketContainer container = (jakarta.websocket.WebSocketContainer) servletContext
			.getAttribute("jakarta.websocket.server.ServerContainer");
		assertThat(container.getDefaultMaxTextMessageBufferSize()).isEqualTo(2048);
		assertThat(container.getDefaultMaxBinaryMessageBufferSize()).isEqualTo(256);
	}

	@Test
	void negotiatesCompressionWhenEnabled() throws Exception {
		assertThat(RawHandshake.responseHead(this.port, "/realtime/app/app-key",
				"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"))
			.startsWith("HTTP/1.1 101")
			.containsIgnoringCase("permessage-deflate");
	}

}
