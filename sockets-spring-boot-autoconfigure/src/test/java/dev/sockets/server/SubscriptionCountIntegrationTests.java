package dev.sockets.server;

import java.time.Duration;
import java.util.Map;

import dev.sockets.test.SocketsPort;
import dev.sockets.test.SignedInUsers;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.sockets.test.TestClients.assertNothingWithin;
import static dev.sockets.test.TestClients.send;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pusher's optional subscription counts, switched on, against a real server.
 */
@SpringBootTest(classes = { TestApplication.class, SignedInUsers.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1234", "sockets.app.key=app-key", "sockets.app.secret=app-secret",
				"sockets.subscription-count.enabled=true" })
class SubscriptionCountIntegrationTests {

	private static final Duration QUIET = Duration.ofMillis(300);

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Test
	void everySubscribeAndUnsubscribeSendsTheCountToTheSubscribersAfterTheirSuccess() throws Exception {
		try (SocketsTestClient first = connect(""); SocketsTestClient second = connect("")) {
			subscribeAndAwait(first, "counted");
			assertThat(first.nextFrame()).isEqualTo(
					"{\"event\":\"pusher_internal:subscription_count\",\"channel\":\"counted\",\"data\":\"{\\\"subscription_count\\\":1}\"}");
			subscribeAndAwait(second, "counted");
			assertThat(count(second)).isEqualTo(2);
			assertThat(count(first)).isEqualTo(2);
			send(second, Map.of("event", "pusher:unsubscribe", "data", Map.of("channel", "counted")));
			assertThat(count(first)).isOne();
			assertNothingWithin(second, QUIET);
		}
	}

	@Test
	void presenceChannelsAnnounceMembersInstead() throws Exception {
		try (SocketsTestClient alice = connect("?token=alice-token")) {
			subscribeAndAwait(alice, "presence-room.counted");
			assertNothingWithin(alice, QUIET);
		}
	}

	private static int count(SocketsTestClient client) {
		var frame = client.nextMessage();
		assertThat(frame.get("event").stringValue()).isEqualTo("pusher_internal:subscription_count");
		String data = frame.get("data").stringValue();
		return Integer.parseInt(data.replaceAll("\\D", ""));
	}

	private SocketsTestClient connect(String query) throws Exception {
		return TestClients.connect("ws://127.0.0.1:" + this.socketsPort + "/app/app-key" + query);
	}

}
