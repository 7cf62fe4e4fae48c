package dev.sockets.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import dev.sockets.broker.Broadcaster;
import dev.sockets.protocol.Signatures;
import dev.sockets.test.ApiSigning;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.SignedInUsers;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.sockets.test.TestClients.assertNothingWithin;
import static dev.sockets.test.TestClients.send;
import static dev.sockets.test.TestClients.subscribe;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cache channels against a real server: a new subscriber gets the channel's last event,
 * or {@code pusher:cache_miss}, right after {@code subscription_succeeded}.
 */
@SpringBootTest(classes = { TestApplication.class, SignedInUsers.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1234", "sockets.app.key=app-key", "sockets.app.secret=app-secret",
				"sockets.client-events.enabled=true", "sockets.cache-channels.time-to-live=2s" })
class CacheChannelIntegrationTests {

	private static final Duration QUIET = Duration.ofMillis(300);

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Autowired
	private Broadcaster broadcaster;

	private final HttpClient http = HttpClient.newHttpClient();

	private SocketsTestClient client;

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.close();
		}
	}

	@Test
	void aCacheChannelWithoutAnEventAnswersCacheMissAfterTheSubscription() throws Exception {
		this.client = connect(null);
		subscribeAndAwait(this.client, "cache-empty");
		assertThat(this.client.nextFrame()).isEqualTo("{\"event\":\"pusher:cache_miss\",\"channel\":\"cache-empty\"}");
		assertNothingWithin(this.client, QUIET);
	}

	@Test
	void aNewSubscriberGetsTheLastEventPublishedThroughTheHttpApiOnce() throws Exception {
		try (SocketsTestClient early = connect(null)) {
			subscribeAndAwait(early, "cache-prices");
			assertThat(early.nextMessage().get("event").stringValue()).isEqualTo("pusher:cache_miss");
			assertThat(publish("{\"name\":\"price\",\"data\":\"1\",\"channels\":[\"cache-prices\"]}").statusCode())
				.isEqualTo(200);
			assertThat(publish("{\"name\":\"price\",\"data\":\"2\",\"channels\":[\"cache-prices\"]}").statusCode())
				.isEqualTo(200);
			assertThat(early.nextMessage().get("data").stringValue()).isEqualTo("1");
			assertThat(early.nextMessage().get("data").stringValue()).isEqualTo("2");
			assertNothingWithin(early, QUIET);
		}
		this.client = connect(null);
		subscribeAndAwait(this.client, "cache-prices");
		assertThat(this.client.nextFrame())
			.isEqualTo("{\"event\":\"price\",\"channel\":\"cache-prices\",\"data\":\"2\"}");
		assertNothingWithin(this.client, QUIET);
	}

	@Test
	void broadcastsAreCachedOnEveryKindOfCacheChannelButOrdinaryChannelsAreNot() throws Exception {
		// data the test client reads as JSON: it reads every event on a presence channel
		this.broadcaster.to("news", "private-cache-room.a", "presence-cache-room.b").emitRaw("headline", "\"h\"");
		this.client = connect("alice");
		subscribeAndAwait(this.client, "news");
		subscribeAndAwait(this.client, "private-cache-room.a");
		assertThat(this.client.nextMessage().get("data").stringValue()).isEqualTo("\"h\"");
		subscribe(this.client, "presence-cache-room.b");
		assertThat(this.client.nextMessage().get("event").stringValue())
			.isEqualTo("pusher_internal:subscription_succeeded");
		JsonNode cached = this.client.nextMessage();
		assertThat(cached.get("event").stringValue()).isEqualTo("headline");
		assertThat(cached.get("channel").stringValue()).isEqualTo("presence-cache-room.b");
		assertNothingWithin(this.client, QUIET);
	}

	@Test
	void theChannelQueryAnswersTheCachedEventWithItsTimeToLive() throws Exception {
		assertThat(query("cache-quotes", "cache").body()).isEqualTo("{\"occupied\":false}");
		this.broadcaster.to("cache-quotes").emitRaw("quote", "{\"p\":1}");
		HttpResponse<String> answer = query("cache-quotes", "cache");
		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode cache = JsonMapper.shared().readTree(answer.body()).get("cache");
		assertThat(cache.get("data").stringValue()).isEqualTo("{\"p\":1}");
		// the time to live is 2 s, rounded up to whole seconds
		assertThat(cache.get("ttl").longValue()).isBetween(1L, 2L);
		HttpResponse<String> notCache = query("quotes", "cache");
		assertThat(notCache.statusCode()).isEqualTo(400);
		assertThat(notCache.body()).contains("info=cache is only available for cache channels");
	}

	@Test
	void clientEventsAreNotCached() throws Exception {
		try (SocketsTestClient bob = connect("bob")) {
			subscribeAndAwait(bob, "private-cache-room.chat");
			bob.nextMessage();
			send(bob, Map.of("event", "client-typing", "channel", "private-cache-room.chat", "data", Map.of()));
			assertNothingWithin(bob, QUIET);
			this.client = connect("alice");
			subscribeAndAwait(this.client, "private-cache-room.chat");
			assertThat(this.client.nextMessage().get("event").stringValue()).isEqualTo("pusher:cache_miss");
		}
	}

	@Test
	void theLastEventExpiresAfterTheTimeToLive() throws Exception {
		this.broadcaster.to("cache-short").emitRaw("tick", "t");
		Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).until(() -> {
			try (SocketsTestClient late = connect(null)) {
				subscribeAndAwait(late, "cache-short");
				return late.nextMessage().get("event").stringValue().equals("pusher:cache_miss");
			}
		});
	}

	private SocketsTestClient connect(String user) throws Exception {
		String token = (user != null) ? "?token=" + user + "-token" : "";
		return TestClients.connect("ws://127.0.0.1:" + this.socketsPort + "/app/app-key" + token);
	}

	private HttpResponse<String> query(String channel, String info) throws Exception {
		String path = "/apps/1234/channels/" + channel;
		Map<String, String> params = new TreeMap<>();
		params.put("auth_key", "app-key");
		params.put("auth_timestamp", Long.toString(Instant.now().getEpochSecond()));
		params.put("auth_version", "1.0");
		params.put("info", info);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.socketsPort + path + "?"
				+ ApiSigning.sign("GET", path, params, "app-secret")))
			.GET()
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> publish(String body) throws Exception {
		String path = "/apps/1234/events";
		Map<String, String> params = new TreeMap<>();
		params.put("auth_key", "app-key");
		params.put("auth_timestamp", Long.toString(Instant.now().getEpochSecond()));
		params.put("auth_version", "1.0");
		params.put("body_md5", Signatures.md5Hex(body.getBytes(StandardCharsets.UTF_8)));
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.socketsPort + path + "?"
					+ ApiSigning.sign("POST", path, params, "app-secret")))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
