package dev.sockets.server;

import dev.sockets.test.SocketsPort;
import dev.sockets.test.RawHandshake;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint with its defaults changed: a path prefix and allowed origins.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
				"sockets.path-prefix=/realtime", "sockets.allowed-origins=https://*.example.com" })
class ConfiguredEndpointIntegrationTests {

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Test
	void servesTheEndpointUnderThePrefix() throws Exception {
		try (SocketsTestClient client = TestClients
			.connect("ws://127.0.0.1:" + this.socketsPort + "/realtime/app/app-key?protocol=7")) {
			subscribeAndAwait(client, "prefixed");
		}
		assertThat(RawHandshake.responseHead(this.socketsPort, "/app/app-key", "")).doesNotStartWith("HTTP/1.1 101");
	}

	@Test
	void allowsConfiguredOriginPatternsOnly() throws Exception {
		assertThat(RawHandshake.responseHead(this.socketsPort, "/realtime/app/app-key",
				"Origin: https://chat.example.com\r\n"))
			.startsWith("HTTP/1.1 101");
		assertThat(
				RawHandshake.responseHead(this.socketsPort, "/realtime/app/app-key", "Origin: https://example.org\r\n"))
			.startsWith("HTTP/1.1 403");
	}

}
