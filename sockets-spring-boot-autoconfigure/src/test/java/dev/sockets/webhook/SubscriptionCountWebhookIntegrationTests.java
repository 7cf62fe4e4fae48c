package dev.sockets.webhook;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.WebhookReceiver;
import dev.sockets.test.client.SocketsTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code subscription_count} webhooks, sent when subscription counts are on: the count
 * the channel's subscribers are told, each time they are told.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=app-secret",
				"sockets.subscription-count.enabled=true" })
class SubscriptionCountWebhookIntegrationTests {

	private static final WebhookReceiver receiver = start();

	@Value(SocketsPort.VALUE)
	private int port;

	@DynamicPropertySource
	static void webhooks(DynamicPropertyRegistry registry) {
		registry.add("sockets.webhooks[0].url", () -> receiver.url("/hooks"));
		registry.add("sockets.webhooks[0].events", () -> "subscription_count");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void eachCountTheSubscribersAreToldIsSent() throws Exception {
		try (SocketsTestClient first = connect(); SocketsTestClient second = connect()) {
			subscribeAndAwait(first, "counted");
			subscribeAndAwait(second, "counted");
			List<JsonNode> counts = receiver.awaitEvents("/hooks", 2, Duration.ofSeconds(10), (event) -> true);
			assertThat(counts).extracting(JsonNode::toString)
				.containsExactly("{\"name\":\"subscription_count\",\"channel\":\"counted\",\"subscription_count\":1}",
						"{\"name\":\"subscription_count\",\"channel\":\"counted\",\"subscription_count\":2}");
		}
	}

	private SocketsTestClient connect() throws Exception {
		return TestClients.connect("ws://127.0.0.1:" + this.port + "/app/app-key");
	}

	private static WebhookReceiver start() {
		try {
			return WebhookReceiver.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
