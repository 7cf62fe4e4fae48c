package dev.sockets.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.sockets.broker.Broadcaster;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.StalledSocket;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;

import static dev.sockets.test.TestClients.subscribe;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = { TestApplication.class, SlowConsumerIntegrationTests.SmallSendBuffers.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
				"sockets.connection.send-buffer-size-limit=64KB", "sockets.netty.socket-send-buffer=16KB" })
@ExtendWith(OutputCaptureExtension.class)
class SlowConsumerIntegrationTests {

	private static final int STALLED = 150;

	private static final int MESSAGES = 4000;

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Autowired
	private Broadcaster broadcaster;

	@Autowired
	private ConnectionRegistry connections;

	@Autowired
	private PusherEndpoint endpoint;

	@Test
	void aClientThatStopsReadingIsClosedWhileOthersGetEverything() throws Exception {
		String url = "ws://127.0.0.1:" + this.socketsPort + "/app/app-key?protocol=7";
		try (SocketsTestClient fast = TestClients.connect(url);
				SocketsTestClient stalled = TestClients.openStalled(url)) {
			subscribeAndAwait(fast, "firehose");
			subscribe(stalled, "firehose");
			await().atMost(5, TimeUnit.SECONDS).until(() -> this.connections.size() == 2);
			// let the subscription land before the firehose opens
			subscribeAndAwait(fast, "sync");
			String payload = "x".repeat(4096);
			// paced by the fast client, so only the stalled one falls behind: 16 MB is
			// more than the kernel's
			// socket buffers hold, so its queue has to fill up
			for (int i = 0; i < MESSAGES; i++) {
				this.broadcaster.to("firehose").emitRaw("tick", i + ":" + payload);
				if (i % 8 == 7) {
					for (int j = i - 7; j <= i; j++) {
						assertThat(fast.nextMessage().get("data").stringValue()).startsWith(j + ":");
					}
				}
			}
			await().atMost(30, TimeUnit.SECONDS).until(() -> this.connections.size() == 1);
			assertThat(this.connections.all()).singleElement()
				.satisfies((connection) -> assertThat(connection.socketId()).isEqualTo(fast.socketId()));
		}
	}

	// With blocking writes, each stalled socket held a writer thread until the send time
	// limit, and healthy subscribers waiting for a writer were counted as over their
	// buffer.
	@Test
	void manyClientsThatStopReadingHoldNoThreadAndHarmNoHealthySubscriber(CapturedOutput output) throws Exception {
		String path = "/app/app-key?protocol=7";
		String url = "ws://127.0.0.1:" + this.socketsPort + path;
		List<StalledSocket> stalled = new ArrayList<>();
		List<SocketsTestClient> healthy = new ArrayList<>();
		long slowClosedBefore = this.endpoint.stats().closedCount("4100");
		try {
			for (int i = 0; i < 3; i++) {
				SocketsTestClient client = TestClients.connect(url);
				subscribeAndAwait(client, "busy");
				healthy.add(client);
			}
			SocketsTestClient bystander = TestClients.connect(url);
			healthy.add(bystander);
			subscribeAndAwait(bystander, "calm");
			for (int i = 0; i < STALLED; i++) {
				stalled.add(StalledSocket.subscribe(this.socketsPort, path, "busy"));
			}
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> this.connections.all()
					.stream()
					.filter((connection) -> connection.channels().contains("busy"))
					.count() == 3 + STALLED);
			String payload = "x".repeat(1024);
			for (int i = 0; i < 2000; i++) {
				this.broadcaster.to("busy").emitRaw("tick", i + ":" + payload);
				if (i % 8 == 7) {
					for (SocketsTestClient client : healthy.subList(0, 3)) {
						for (int j = i - 7; j <= i; j++) {
							assertThat(client.nextMessage().get("data").stringValue()).startsWith(j + ":");
						}
					}
				}
				if (i % 100 == 0) {
					this.broadcaster.to("calm").emitRaw("tock", Integer.toString(i));
					assertThat(bystander.nextMessage().get("data").stringValue()).isEqualTo(Integer.toString(i));
				}
			}
			await().atMost(30, TimeUnit.SECONDS).until(() -> this.connections.size() == healthy.size());
			assertThat(healthy).noneMatch(SocketsTestClient::isClosed);
			assertThat(this.endpoint.stats().closedCount("4100") - slowClosedBefore).isEqualTo(STALLED);
			// one slow consumer closed is no news: at most a line below WARN, never a
			// stack
			// trace
			assertThat(output.getAll()).doesNotContain(" WARN ").doesNotContain(" ERROR ").doesNotContain("\tat ");
		}
		finally {
			for (StalledSocket socket : stalled) {
				socket.close();
			}
			healthy.forEach(SocketsTestClient::close);
		}
	}

	// A fixed socket send buffer, as servers with many connections often set, instead of
	// one the kernel grows to megabytes: a client that stops reading stalls after
	// kilobytes.
	@TestConfiguration(proxyBeanMethods = false)
	static class SmallSendBuffers {

		@Bean
		TomcatConnectorCustomizer smallSendBuffers() {
			return (connector) -> connector.setProperty("socket.txBufSize", "16384");
		}

	}

}
