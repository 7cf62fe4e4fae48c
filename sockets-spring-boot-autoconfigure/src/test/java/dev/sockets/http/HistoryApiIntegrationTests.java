package dev.sockets.http;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.sockets.broker.Broadcaster;
import dev.sockets.broker.ChannelHistory;
import dev.sockets.test.ApiSigning;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A channel's history over our extension of the HTTP API, {@code GET
 * /apps/{id}/channels/{channel}/history}, and through the {@link ChannelHistory} bean.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1234", "sockets.app.key=app-key", "sockets.app.secret=app-secret",
				"sockets.namespaces[0].pattern=log.*", "sockets.namespaces[0].history.size=5" })
class HistoryApiIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Autowired
	private Broadcaster broadcaster;

	@Autowired
	private ChannelHistory history;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void answersTheNewestEventsOldestFirstWithTheirPositions() throws Exception {
		for (int i = 0; i < 7; i++) {
			this.broadcaster.to("log.api").emitRaw("line", "{\"n\":" + i + "}").join();
		}
		JsonNode all = ok(get("/apps/1234/channels/log.api/history", Map.of()));
		assertThat(all.get("position").get("offset").asLong()).isEqualTo(7);
		assertThat(all.get("events")).hasSize(5);
		JsonNode first = all.get("events").get(0);
		assertThat(first.get("event").stringValue()).isEqualTo("line");
		assertThat(first.get("data").stringValue()).isEqualTo("{\"n\":2}");
		assertThat(first.get("position").get("offset").asLong()).isEqualTo(3);
		assertThat(first.get("position").get("epoch")).isEqualTo(all.get("position").get("epoch"));
		JsonNode two = ok(get("/apps/1234/channels/log.api/history", Map.of("limit", "2")));
		assertThat(two.get("events")).hasSize(2);
		assertThat(two.get("events").get(1).get("position").get("offset").asLong()).isEqualTo(7);
		ChannelHistory.Recent recent = this.history.recent("log.api", 3).join();
		assertThat(recent.events()).extracting(ChannelHistory.Event::data)
			.containsExactly("{\"n\":4}", "{\"n\":5}", "{\"n\":6}");
		assertThat(recent.position().offset()).isEqualTo(7);
	}

	@Test
	void aChannelWithoutEventsHasAnEpochAtOffsetZero() throws Exception {
		JsonNode empty = ok(get("/apps/1234/channels/log.empty/history", Map.of()));
		assertThat(empty.get("events")).isEmpty();
		assertThat(empty.get("position").get("offset").asLong()).isZero();
		assertThat(empty.get("position").get("epoch").stringValue()).isNotEmpty();
	}

	@Test
	void refusesWhatItCannotAnswerWithAJsonError() throws Exception {
		HttpResponse<String> none = get("/apps/1234/channels/other/history", Map.of());
		assertThat(none.statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(none.body()).get("error").stringValue()).contains("keeps no history");
		HttpResponse<String> badLimit = get("/apps/1234/channels/log.api/history", Map.of("limit", "0"));
		assertThat(badLimit.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(badLimit.body()).get("error").stringValue()).contains("limit");
		HttpResponse<String> post = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.socketsPort + "/apps/1234/channels/log.api/history"))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(405);
		HttpResponse<String> unsigned = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.socketsPort + "/apps/1234/channels/log.api/history"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(unsigned.statusCode()).isEqualTo(401);
		assertThatIllegalArgumentException().isThrownBy(() -> this.history.recent("other", 1))
			.withMessageContaining("keeps no history");
	}

	private static JsonNode ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> get(String path, Map<String, String> query) throws Exception {
		Map<String, String> params = new TreeMap<>(query);
		params.put("auth_key", "app-key");
		params.put("auth_timestamp", Long.toString(Instant.now().getEpochSecond()));
		params.put("auth_version", "1.0");
		String signed = ApiSigning.sign("GET", path, params, "app-secret");
		String escaped = Arrays.stream(signed.split("&")).map((pair) -> {
			int eq = pair.indexOf('=');
			return pair.substring(0, eq) + "=" + URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8);
		}).collect(Collectors.joining("&"));
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.socketsPort + path + "?" + escaped))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
