package dev.sockets.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sockets.broker.Broadcaster;
import dev.sockets.test.SignedInUsers;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.sockets.test.TestClients.send;
import static dev.sockets.test.TestClients.subscribe;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Channel namespaces against a real server: two presence namespaces with limits of their
 * own, client events on in one and off in the other, and a cache namespace whose events
 * expire sooner; other channels keep the global settings.
 */
@SpringBootTest(classes = { TestApplication.class, SignedInUsers.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
				"sockets.presence.max-members=3", "sockets.namespaces[0].pattern=presence-small.*",
				"sockets.namespaces[0].max-members=2", "sockets.namespaces[0].client-events.enabled=true",
				"sockets.namespaces[1].pattern=presence-big.*", "sockets.namespaces[1].max-members=100",
				"sockets.namespaces[1].client-events.enabled=false", "sockets.namespaces[2].pattern=presence-lobby",
				"sockets.namespaces[2].max-members=1", "sockets.namespaces[3].pattern=cache-short.*",
				"sockets.namespaces[3].cache-time-to-live=300ms", "sockets.namespaces[4].pattern=limited.*",
				"sockets.namespaces[4].max-subscribers=2" })
class NamespacesIntegrationTests {

	@Value(SocketsPort.VALUE)
	private int port;

	@Autowired
	private Broadcaster broadcaster;

	@Test
	void eachPresenceNamespaceHasItsOwnLimitAndTheErrorNamesIt() throws Exception {
		List<SocketsTestClient> clients = new ArrayList<>();
		try {
			for (String user : new String[] { "ann", "bea" }) {
				clients.add(connectAs(user));
				subscribeAndAwait(clients.get(clients.size() - 1), "presence-small.room");
			}
			SocketsTestClient third = connectAs("cid");
			clients.add(third);
			subscribe(third, "presence-small.room");
			JsonNode refused = third.nextMessage();
			assertThat(refused.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(refused.get("data").get("type").stringValue()).isEqualTo("LimitReached");
			assertThat(refused.get("data").get("error").stringValue()).contains("at most 2 members");
			clients.add(connectAs("dan"));
			for (SocketsTestClient client : clients) {
				// four members, past the global limit of 3: this namespace allows 100
				subscribe(client, "presence-big.room");
				assertThat(nextOf(client, "pusher_internal:subscription_succeeded").get("channel").stringValue())
					.isEqualTo("presence-big.room");
			}
		}
		finally {
			clients.forEach(SocketsTestClient::close);
		}
	}

	@Test
	void aChannelOfNoNamespaceKeepsTheGlobalLimit() throws Exception {
		try (SocketsTestClient ann = connectAs("ann"); SocketsTestClient bea = connectAs("bea")) {
			// presence-lobby matches its own namespace, limit 1; presence-other none, so
			// the global 3
			subscribeAndAwait(ann, "presence-lobby");
			subscribe(bea, "presence-lobby");
			assertThat(nextOf(bea, "pusher:subscription_error").get("data").get("error").stringValue())
				.contains("at most 1 members");
			subscribeAndAwait(ann, "presence-other");
			subscribe(bea, "presence-other");
			assertThat(nextOf(bea, "pusher_internal:subscription_succeeded").get("channel").stringValue())
				.isEqualTo("presence-other");
		}
	}

	@Test
	void clientEventsAreRelayedInOneNamespaceAndRefusedInTheOther() throws Exception {
		try (SocketsTestClient ann = connectAs("ann"); SocketsTestClient bea = connectAs("bea")) {
			for (String channel : new String[] { "presence-small.chat", "presence-big.chat" }) {
				for (SocketsTestClient client : new SocketsTestClient[] { ann, bea }) {
					subscribe(client, channel);
					assertThat(nextOf(client, "pusher_internal:subscription_succeeded").get("channel").stringValue())
						.isEqualTo(channel);
				}
			}
			send(ann, Map.of("event", "client-wave", "channel", "presence-small.chat", "data", Map.of("n", 1)));
			JsonNode relayed = nextOf(bea, "client-wave");
			assertThat(relayed.get("channel").stringValue()).isEqualTo("presence-small.chat");
			send(ann, Map.of("event", "client-wave", "channel", "presence-big.chat", "data", Map.of("n", 2)));
			JsonNode refused = nextOf(ann, "pusher:error");
			assertThat(refused.get("data").get("code").intValue()).isEqualTo(4301);
			assertThat(refused.get("data").get("message").stringValue()).contains("presence-big.chat");
		}
	}

	@Test
	void aNamespaceLimitsItsChannelsSubscribersAndAPlaceGivenBackIsTakenAgain() throws Exception {
		try (SocketsTestClient first = TestClients.connect(url(""));
				SocketsTestClient second = TestClients.connect(url(""));
				SocketsTestClient third = TestClients.connect(url(""))) {
			subscribeAndAwait(first, "limited.room");
			subscribeAndAwait(second, "limited.room");
			subscribe(third, "limited.room");
			JsonNode refused = third.nextMessage();
			assertThat(refused.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(refused.get("data").get("type").stringValue()).isEqualTo("LimitReached");
			assertThat(refused.get("data").get("error").stringValue()).contains("at most 2 subscribers");
			// a channel of no such namespace has no limit
			subscribeAndAwait(third, "unlimited.room");
			first.send("{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":\"limited.room\"}}");
			Thread.sleep(300);
			subscribeAndAwait(third, "limited.room");
		}
	}

	@Test
	void aCacheNamespaceKeepsItsEventsForItsOwnTime() throws Exception {
		this.broadcaster.to("cache-short.prices", "cache-long.prices").emit("price", Map.of("value", 1));
		Thread.sleep(800);
		try (SocketsTestClient client = TestClients.connect(url(""))) {
			subscribeAndAwait(client, "cache-short.prices");
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("pusher:cache_miss");
			subscribeAndAwait(client, "cache-long.prices");
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("price");
		}
	}

	private static JsonNode nextOf(SocketsTestClient client, String event) {
		for (int i = 0; i < 20; i++) {
			JsonNode frame = client.nextMessage();
			if (frame.get("event").stringValue().equals(event)) {
				return frame;
			}
		}
		throw new AssertionError("No " + event + " among the next 20 frames");
	}

	private SocketsTestClient connectAs(String user) throws Exception {
		return TestClients.connect(url("?token=" + user + "-token"));
	}

	private String url(String query) {
		return "ws://127.0.0.1:" + this.port + "/app/app-key" + query;
	}

}
