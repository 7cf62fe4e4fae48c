package dev.sockets.http;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.sockets.protocol.Signatures;
import dev.sockets.test.ApiSigning;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.SignedInUsers;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.sockets.test.TestClients.subscribe;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API's channel queries after real subscriptions, signed as the Pusher server
 * SDKs sign them.
 */
@SpringBootTest(classes = { TestApplication.class, SignedInUsers.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1234", "sockets.app.key=app-key", "sockets.app.secret=app-secret" })
class ChannelsApiIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpClient http = HttpClient.newHttpClient();

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Test
	void listsOccupiedChannelsWithCountsAndMembers() throws Exception {
		try (SocketsTestClient alice = connectAs("alice");
				SocketsTestClient alice2 = connectAs("alice");
				SocketsTestClient bob = connectAs("bob")) {
			subscribeAndAwait(alice, "api-news");
			subscribeAndAwait(bob, "api-news");
			join(alice, "presence-api.room");
			join(alice2, "presence-api.room");
			join(bob, "presence-api.room");

			JsonNode all = ok(get("/apps/1234/channels", Map.of()));
			assertThat(all.get("channels").get("api-news").isEmpty()).isTrue();
			assertThat(all.get("channels").has("presence-api.room")).isTrue();

			JsonNode presence = ok(get("/apps/1234/channels",
					Map.of("filter_by_prefix", "presence-api.", "info", "user_count,subscription_count")));
			assertThat(presence.get("channels").propertyNames()).containsExactly("presence-api.room");
			assertThat(presence.get("channels").get("presence-api.room").get("user_count").intValue()).isEqualTo(2);
			assertThat(presence.get("channels").get("presence-api.room").get("subscription_count").intValue())
				.isEqualTo(3);

			JsonNode news = ok(get("/apps/1234/channels/api-news", Map.of("info", "subscription_count")));
			assertThat(news.get("occupied").booleanValue()).isTrue();
			assertThat(news.get("subscription_count").intValue()).isEqualTo(2);

			JsonNode room = ok(get("/apps/1234/channels/presence-api.room", Map.of("info", "user_count")));
			assertThat(room.get("occupied").booleanValue()).isTrue();
			assertThat(room.get("user_count").intValue()).isEqualTo(2);

			JsonNode users = ok(get("/apps/1234/channels/presence-api.room/users", Map.of()));
			assertThat(users.get("users").valueStream().map((user) -> user.get("id").stringValue()))
				.containsExactly("alice", "bob");

			JsonNode vacant = ok(get("/apps/1234/channels/api-nobody-here", Map.of()));
			assertThat(vacant.get("occupied").booleanValue()).isFalse();
		}
	}

	@Test
	void aPublishAnswersTheInfoItAsksFor() throws Exception {
		try (SocketsTestClient alice = connectAs("alice"); SocketsTestClient bob = connectAs("bob")) {
			join(alice, "presence-api.info");
			join(bob, "presence-api.info");
			subscribeAndAwait(bob, "api-info");
			JsonNode single = ok(post("/apps/1234/events", "{\"name\":\"e\",\"data\":\"{}\",\"channels\":"
					+ "[\"presence-api.info\",\"api-info\"],\"info\":\"user_count,subscription_count\"}"));
			assertThat(single.get("channels").get("presence-api.info").get("user_count").intValue()).isEqualTo(2);
			assertThat(single.get("channels").get("presence-api.info").get("subscription_count").intValue())
				.isEqualTo(2);
			assertThat(single.get("channels").get("api-info").has("user_count")).isFalse();
			assertThat(single.get("channels").get("api-info").get("subscription_count").intValue()).isOne();
			JsonNode batch = ok(post("/apps/1234/batch_events",
					"{\"batch\":[{\"name\":\"e\",\"data\":\"{}\","
							+ "\"channel\":\"api-info\"},{\"name\":\"e\",\"data\":\"{}\",\"channel\":\"api-info\","
							+ "\"info\":\"subscription_count\"}]}"));
			assertThat(batch.get("batch").get(0).isEmpty()).isTrue();
			// each batch entry has one channel: its attributes stand alone
			assertThat(batch.get("batch").get(1).get("subscription_count").intValue()).isOne();
			assertThat(post("/apps/1234/events",
					"{\"name\":\"e\",\"data\":\"{}\",\"channel\":\"api-info\",\"info\":\"cache\"}")
				.statusCode()).isEqualTo(400);
		}
	}

	@Test
	void refusesAttributesThatDoNotApplyWith400() throws Exception {
		assertThat(get("/apps/1234/channels", Map.of("info", "user_count")).statusCode()).isEqualTo(400);
		assertThat(get("/apps/1234/channels/api-news", Map.of("info", "user_count")).statusCode()).isEqualTo(400);
		assertThat(get("/apps/1234/channels/api-news/users", Map.of()).statusCode()).isEqualTo(400);
		assertThat(get("/apps/1234/channels", Map.of("info", "cache")).statusCode()).isEqualTo(400);
		HttpResponse<String> badName = get("/apps/1234/channels/bad%20name", Map.of());
		assertThat(badName.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(badName.body()).get("error").stringValue()).isNotBlank();
	}

	@Test
	void checksTheAppIdAndTheSignature() throws Exception {
		assertThat(get("/apps/999/channels", Map.of()).statusCode()).isEqualTo(404);
		String path = "/apps/1234/channels";
		String query = ApiSigning.sign("GET", path, params(Map.of()), "wrong-secret");
		HttpResponse<String> forged = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.socketsPort + path + "?" + query)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(forged.statusCode()).isEqualTo(401);
	}

	private static JsonNode ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> get(String path, Map<String, String> query) throws Exception {
		Map<String, String> params = params(query);
		String signed = ApiSigning.sign("GET", path, params, "app-secret");
		String escaped = java.util.Arrays.stream(signed.split("&")).map((pair) -> {
			int eq = pair.indexOf('=');
			return pair.substring(0, eq) + "=" + URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8);
		}).collect(Collectors.joining("&"));
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.socketsPort + path + "?" + escaped))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		Map<String, String> params = params(Map.of());
		params.put("body_md5", Signatures.md5Hex(body.getBytes(StandardCharsets.UTF_8)));
		String query = ApiSigning.sign("POST", path, params, "app-secret");
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.socketsPort + path + "?" + query))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Map<String, String> params(Map<String, String> query) {
		Map<String, String> params = new TreeMap<>(query);
		params.put("auth_key", "app-key");
		params.put("auth_timestamp", Long.toString(Instant.now().getEpochSecond()));
		params.put("auth_version", "1.0");
		return params;
	}

	private static void join(SocketsTestClient client, String channel) {
		subscribe(client, channel);
		assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("pusher_internal:subscription_succeeded");
	}

	private SocketsTestClient connectAs(String user) throws Exception {
		return TestClients.connect("ws://127.0.0.1:" + this.socketsPort + "/app/app-key?token=" + user + "-token");
	}

}
