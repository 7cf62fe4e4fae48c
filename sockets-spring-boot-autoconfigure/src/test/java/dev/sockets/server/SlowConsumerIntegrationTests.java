package dev.sockets.server;

import java.util.concurrent.TimeUnit;

import dev.sockets.broker.Broadcaster;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.test.PusherTestClient;
import dev.sockets.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
				"sockets.connection.send-buffer-size-limit=64KB" })
class SlowConsumerIntegrationTests {

	private static final int MESSAGES = 4000;

	@LocalServerPort
	private int port;

	@Autowired
	private Broadcaster broadcaster;

	@Autowired
	private ConnectionRegistry connections;

	@Test
	void aClientThatStopsReadingIsClosedWhileOthersGetEverything() throws Exception {
		String url = "ws://127.0.0.1:" + this.port + "/app/app-key?protocol=7";
		try (PusherTestClient fast = PusherTestClient.connect(url);
				PusherTestClient stalled = PusherTestClient.openStalled(url)) {
			fast.subscribeAndAwait("firehose");
			stalled.subscribe("firehose");
			await().atMost(5, TimeUnit.SECONDS).until(() -> this.connections.size() == 2);
			// let the subscription land before the firehose opens
			fast.subscribeAndAwait("sync");
			String payload = "x".repeat(4096);
			// paced by the fast client, so only the stalled one falls behind: 16 MB is
			// more than the kernel's
			// socket buffers hold, so its queue has to fill up
			for (int i = 0; i < MESSAGES; i++) {
				this.broadcaster.to("firehose").emitRaw("tick", i + ":" + payload);
				if (i % 8 == 7) {
					for (int j = i - 7; j <= i; j++) {
						assertThat(fast.next().get("data").stringValue()).startsWith(j + ":");
					}
				}
			}
			await().atMost(30, TimeUnit.SECONDS).until(() -> this.connections.size() == 1);
			assertThat(this.connections.all()).singleElement()
				.satisfies((connection) -> assertThat(connection.socketId()).isEqualTo(fast.socketId()));
		}
	}

}
