package dev.sockets.server;

import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.sockets.test.TestClients.awaitClose;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
				"sockets.activity-timeout=1s", "sockets.pong-timeout=1s" })
class LivenessIntegrationTests {

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	private SocketsTestClient connect() throws Exception {
		return TestClients.connect("ws://127.0.0.1:" + this.socketsPort + "/app/app-key?protocol=7");
	}

	@Test
	void aSilentConnectionIsPingedAndStaysOpenWhenItAnswers() throws Exception {
		try (SocketsTestClient client = connect()) {
			for (int i = 0; i < 3; i++) {
				JsonNode ping = client.nextMessage();
				assertThat(ping.get("event").stringValue()).isEqualTo("pusher:ping");
				client.send("{\"event\":\"pusher:pong\",\"data\":{}}");
			}
			assertThat(client.isClosed()).isFalse();
		}
	}

	@Test
	void aConnectionThatNeverAnswersIsClosedWith4201() throws Exception {
		try (SocketsTestClient client = connect()) {
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("pusher:ping");
			JsonNode error = client.nextMessage();
			assertThat(error.get("event").stringValue()).isEqualTo("pusher:error");
			assertThat(error.get("data").get("code").intValue()).isEqualTo(4201);
			assertThat(awaitClose(client)).isEqualTo(4201);
		}
	}

	@Test
	void shutdownAsksClientsToReconnectWith4200() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=0", "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret")
			.run();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		try (SocketsTestClient client = TestClients.connect("ws://127.0.0.1:" + port + "/app/app-key")) {
			context.close();
			JsonNode error = client.nextMessage();
			assertThat(error.get("data").get("code").intValue()).isEqualTo(4200);
			assertThat(awaitClose(client)).isEqualTo(4200);
		}
		finally {
			context.close();
		}
	}

	// Spring's test context cache stops contexts it does not use and starts them again
	@Test
	void aNodeStoppedAndStartedAgainAcceptsConnectionsAgain() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=0", "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret")
			.run();
		try {
			context.stop();
			context.start();
			// a port of its own again: the web server was stopped too
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			try (SocketsTestClient client = TestClients.connect("ws://127.0.0.1:" + port + "/app/app-key")) {
				client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
				assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("pusher:pong");
			}
		}
		finally {
			context.close();
		}
	}

}
