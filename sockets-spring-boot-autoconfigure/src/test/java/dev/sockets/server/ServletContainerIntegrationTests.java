package dev.sockets.server;

import java.util.Map;

import dev.sockets.broker.Broadcaster;
import dev.sockets.test.RawHandshake;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import jakarta.servlet.ServletContext;
import jakarta.websocket.WebSocketContainer;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.sockets.test.TestClients.send;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the servlet transport does, with the container it runs in: small container
 * buffers (and long messages whole through them), compression when asked for, and
 * Tomcat's connection limit kept above the WebSocket cap.
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
		assertThat(container.getDefaultMaxTextMessageBufferSize()).isEqualTo(1024);
		assertThat(container.getDefaultMaxBinaryMessageBufferSize()).isEqualTo(256);
	}

	@Test
	void shrinksTomcatsSocketReadBufferOnlyByDefault() {
		assertThat(socketBuffer(this.context, "socket.appReadBufSize")).isEqualTo("1024");
		assertThat(socketBuffer(this.context, "socket.appWriteBufSize")).isEqualTo("8192");
		assertThat(System.getProperty("org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE")).isNull();
	}

	@Test
	void leavesSocketBuffersAloneWhereTheApplicationSetThemOrTurnedShrinkingOff() {
		ConfigurableApplicationContext own = new SpringApplicationBuilder(TestApplication.class, OwnSocketBuffers.class)
			.properties("server.port=0", "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret")
			.run();
		ConfigurableApplicationContext off = new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=0", "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
					"sockets.connection.small-container-buffers=false")
			.run();
		try {
			assertThat(socketBuffer((WebServerApplicationContext) own, "socket.appReadBufSize")).isEqualTo("4096");
			assertThat(socketBuffer((WebServerApplicationContext) own, "socket.appWriteBufSize")).isEqualTo("8192");
			assertThat(socketBuffer((WebServerApplicationContext) off, "socket.appReadBufSize")).isEqualTo("8192");
			assertThat(socketBuffer((WebServerApplicationContext) off, "socket.appWriteBufSize")).isEqualTo("8192");
		}
		finally {
			own.close();
			off.close();
		}
	}

	// 9 KB, many times the 1 KB buffers and under the 10 KB message limit, with
	// characters of two to four bytes across their
	// edges
	@Test
	void longMessagesArriveWholeBothWaysThroughTheSmallBuffers(@Autowired Broadcaster broadcaster) throws Exception {
		String text = "aé€😀".repeat(900);
		try (SocketsTestClient client = TestClients
			.connect("ws://127.0.0.1:" + this.port + "/app/app-key?protocol=7")) {
			subscribeAndAwait(client, "long");
			broadcaster.to("long").emit("text", Map.of("text", text));
			JsonNode event = client.nextMessage();
			assertThat(JsonMapper.shared().readTree(event.get("data").stringValue()).get("text").stringValue())
				.isEqualTo(text);
			send(client, Map.of("event", "pusher:ping", "data", Map.of("pad", text)));
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("pusher:pong");
		}
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

	private static String socketBuffer(WebServerApplicationContext context, String property) {
		TomcatWebServer server = (TomcatWebServer) context.getWebServer();
		return String.valueOf(server.getTomcat().getConnector().getProperty(property));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSocketBuffers {

		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> ownReadBuffer() {
			return (factory) -> factory
				.addConnectorCustomizers((connector) -> connector.setProperty("socket.appReadBufSize", "4096"));
		}

	}

	private static int maxConnections(WebServerApplicationContext context) {
		TomcatWebServer server = (TomcatWebServer) context.getWebServer();
		return ((AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler()).getMaxConnections();
	}

}
