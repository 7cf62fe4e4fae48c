package dev.sockets.server;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import dev.sockets.broker.Broadcaster;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.test.RawHandshake;
import dev.sockets.test.RawWebSocket;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.StalledSocket;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Netty transport does its own way: its own port, a total deadline for a
 * request, text decoded across frames, no compression, and a place in applications
 * without a web server.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret", SocketsPort.NETTY,
				SocketsPort.FREE_NETTY_PORT, "sockets.handshake.timeout=500ms", "sockets.connection.compression=true",
				"sockets.api.max-request-size=1KB", "sockets.connection.send-time-limit=1s",
				"sockets.netty.socket-send-buffer=8KB" })
class NettyTransportIntegrationTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	private int applicationPort;

	@Autowired
	private Broadcaster broadcaster;

	@Autowired
	private PusherEndpoint endpoint;

	@Autowired
	private ConnectionRegistry connections;

	@Value(SocketsPort.VALUE)
	private int nettyPort;

	@Test
	void servesSocketsAndTheApiOnItsOwnPortOnly() throws Exception {
		assertThat(this.nettyPort).isNotEqualTo(this.applicationPort);
		assertThat(RawHandshake.responseHead(this.nettyPort, "/app/app-key", "")).startsWith("HTTP/1.1 101");
		assertThat(RawHandshake.responseHead(this.applicationPort, "/app/app-key", ""))
			.doesNotStartWith("HTTP/1.1 101");
		HttpResponse<String> elsewhere = HTTP.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.nettyPort + "/nothing/here")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(elsewhere.statusCode()).isEqualTo(404);
		assertThat(elsewhere.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(elsewhere.body()).contains("\"error\"");
	}

	@Test
	void aRequestTrickledByteByByteIsClosedAtTheDeadline() throws Exception {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.nettyPort), 2000);
			socket.setSoTimeout(5000);
			long started = System.nanoTime();
			byte[] request = ("GET /app/app-key HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(100))
				.getBytes(StandardCharsets.US_ASCII);
			int closedAfter = -1;
			for (int i = 0; i < request.length; i++) {
				try {
					socket.getOutputStream().write(request[i]);
					socket.getOutputStream().flush();
				}
				catch (java.io.IOException ex) {
					closedAfter = i;
					break;
				}
				Thread.sleep(20);
				if (socket.getInputStream().available() > 0 || isClosed(socket)) {
					closedAfter = i;
					break;
				}
			}
			assertThat(closedAfter).as("closed before the request was complete").isGreaterThan(0);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		}
	}

	private static boolean isClosed(Socket socket) throws java.io.IOException {
		socket.setSoTimeout(1);
		try {
			return socket.getInputStream().read() == -1;
		}
		catch (java.net.SocketTimeoutException ex) {
			return false;
		}
		catch (java.net.SocketException ex) {
			// reset by the server: closed too
			return true;
		}
		finally {
			socket.setSoTimeout(5000);
		}
	}

	@Test
	void aMessageInSeveralFramesIsDecodedWholeEvenWithACharacterSplitBetweenThem() throws Exception {
		try (RawWebSocket socket = RawWebSocket.open(this.nettyPort, "/app/app-key?protocol=7")) {
			byte[] message = "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"café\"}}"
				.getBytes(StandardCharsets.UTF_8);
			int split = indexOf(message, (byte) 0xC3) + 1;
			socket.sendFrame(1, false, Arrays.copyOfRange(message, 0, 10));
			socket.sendFrame(0, false, Arrays.copyOfRange(message, 10, split));
			socket.sendFrame(0, true, Arrays.copyOfRange(message, split, message.length));
			assertThat(socket.nextFrame()).contains("pusher:subscription_error").contains("contains 'é'");
			socket.sendFrame(1, false, "{\"event\":\"pusher:subscribe\",".getBytes(StandardCharsets.UTF_8));
			socket.sendFrame(0, true, "\"data\":{\"channel\":\"news\"}}".getBytes(StandardCharsets.UTF_8));
			assertThat(socket.nextFrame()).contains("pusher_internal:subscription_succeeded").contains("news");
		}
	}

	private static int indexOf(byte[] bytes, byte value) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == value) {
				return i;
			}
		}
		throw new IllegalArgumentException("not found");
	}

	// well under the byte limit, so only the send time limit can tell
	@Test
	void aClientThatStopsReadingIsClosedOnceItsQueueStaysPutPastTheSendTimeLimit() throws Exception {
		long closedBefore = this.endpoint.stats().closedCount("4100");
		try (StalledSocket stalled = StalledSocket.subscribe(this.nettyPort, "/app/app-key?protocol=7", "stuck")) {
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> this.connections.all()
					.stream()
					.anyMatch((connection) -> connection.channels().contains("stuck")));
			String payload = "x".repeat(1000);
			// more than the kernel holds for it, less than the 512 KB limit
			for (int i = 0; i < 200; i++) {
				this.broadcaster.to("stuck").emitRaw("tick", payload);
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> this.connections.all()
					.stream()
					.noneMatch((connection) -> connection.channels().contains("stuck")));
			assertThat(this.endpoint.stats().closedCount("4100") - closedBefore).isOne();
		}
	}

	@Test
	void compressionIsNotNegotiated() throws Exception {
		assertThat(RawHandshake.responseHead(this.nettyPort, "/app/app-key",
				"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"))
			.startsWith("HTTP/1.1 101")
			.doesNotContainIgnoringCase("permessage-deflate");
	}

	@Test
	void anApiBodyOverTheLimitIsRefusedWith413AndJson() throws Exception {
		HttpResponse<String> response = HTTP
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.nettyPort + "/apps/1/events"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"data\":\"" + "x".repeat(2048) + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("exceeds 1024 bytes");
	}

	@Test
	void runsInAnApplicationWithoutAWebServer() throws Exception {
		try (ConfigurableApplicationContext worker = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret", SocketsPort.NETTY,
					SocketsPort.FREE_NETTY_PORT)
			.run()) {
			int port = SocketsPort.of(worker);
			try (SocketsTestClient client = TestClients.connect("ws://127.0.0.1:" + port + "/app/app-key?protocol=7")) {
				subscribeAndAwait(client, "news");
				worker.getBean(Broadcaster.class).to("news").emitRaw("headline", "hello");
				assertThat(client.nextMessage().get("data").stringValue()).isEqualTo("hello");
			}
		}
	}

}
