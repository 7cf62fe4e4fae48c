package dev.sockets.server;

import java.time.Duration;
import java.util.Map;

import dev.sockets.test.PusherTestClient;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.SignedInUsers;
import dev.sockets.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

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
		try (PusherTestClient first = connect(""); PusherTestClient second = connect("")) {
			first.subscribeAndAwait("counted");
			assertThat(first.nextText()).isEqualTo(
					"{\"event\":\"pusher_internal:subscription_count\",\"channel\":\"counted\",\"data\":\"{\\\"subscription_count\\\":1}\"}");
			second.subscribeAndAwait("counted");
			assertThat(count(second)).isEqualTo(2);
			assertThat(count(first)).isEqualTo(2);
			second.send(Map.of("event", "pusher:unsubscribe", "data", Map.of("channel", "counted")));
			assertThat(count(first)).isOne();
			second.assertNothingWithin(QUIET);
		}
	}

	@Test
	void presenceChannelsAnnounceMembersInstead() throws Exception {
		try (PusherTestClient alice = connect("?token=alice-token")) {
			alice.subscribeAndAwait("presence-room.counted");
			alice.assertNothingWithin(QUIET);
		}
	}

	private static int count(PusherTestClient client) throws InterruptedException {
		var frame = client.next();
		assertThat(frame.get("event").stringValue()).isEqualTo("pusher_internal:subscription_count");
		String data = frame.get("data").stringValue();
		return Integer.parseInt(data.replaceAll("\\D", ""));
	}

	private PusherTestClient connect(String query) throws Exception {
		return PusherTestClient.connect("ws://127.0.0.1:" + this.socketsPort + "/app/app-key" + query);
	}

}
