package dev.sockets.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.sockets.protocol.Signatures;
import dev.sockets.test.ApiSigning;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.sockets.test.TestClients.assertNothingWithin;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1234", "sockets.app.key=app-key", "sockets.app.secret=app-secret",
				"sockets.api.max-event-data-size=1KB", "sockets.api.max-request-size=8KB" })
class HttpApiIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Duration QUIET = Duration.ofMillis(300);

	private static final String EVENTS = "/apps/1234/events";

	private final HttpClient http = HttpClient.newHttpClient();

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Test
	void signedPublishIsDeliveredByteForByteAndAnsweredWithAnEmptyObject() throws Exception {
		try (SocketsTestClient client = connect()) {
			subscribeAndAwait(client, "orders");
			HttpResponse<String> response = post(EVENTS,
					"{\"name\":\"order.shipped\",\"data\":\"{\\\"id\\\":42}\",\"channels\":[\"orders\"]}");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{}");
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			assertThat(client.nextFrame())
				.isEqualTo("{\"event\":\"order.shipped\",\"channel\":\"orders\",\"data\":\"{\\\"id\\\":42}\"}");
		}
	}

	@Test
	void singleChannelFormAndSocketIdExclusionWork() throws Exception {
		try (SocketsTestClient sender = connect(); SocketsTestClient other = connect()) {
			subscribeAndAwait(sender, "chat");
			subscribeAndAwait(other, "chat");
			String body = "{\"name\":\"message\",\"data\":\"hi\",\"channel\":\"chat\",\"socket_id\":\""
					+ sender.socketId() + "\"}";
			assertThat(post(EVENTS, body).statusCode()).isEqualTo(200);
			assertThat(other.nextMessage().get("data").stringValue()).isEqualTo("hi");
			assertNothingWithin(sender, QUIET);
		}
	}

	@Test
	void percentEncodedQueryValuesAreVerifiedDecoded() throws Exception {
		try (SocketsTestClient client = connect()) {
			subscribeAndAwait(client, "encoded");
			String body = "{\"name\":\"e\",\"data\":\"x\",\"channels\":[\"encoded\"]}";
			Map<String, String> params = params(body, Instant.now().getEpochSecond());
			params.put("info", "user_count,subscription_count");
			String query = sign("POST", EVENTS, params, "app-secret").replace(",", "%2C");
			assertThat(send(EVENTS, body, query).statusCode()).isEqualTo(200);
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("e");
		}
	}

	@Test
	void batchEventsAreAllPublished() throws Exception {
		try (SocketsTestClient client = connect()) {
			subscribeAndAwait(client, "a");
			subscribeAndAwait(client, "b");
			String body = "{\"batch\":[{\"name\":\"one\",\"data\":\"1\",\"channel\":\"a\"},"
					+ "{\"name\":\"two\",\"data\":\"2\",\"channel\":\"b\"}]}";
			HttpResponse<String> response = post("/apps/1234/batch_events", body);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{}");
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("one");
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("two");
		}
	}

	@Test
	void badSignaturesAreRefusedWith401AndNothingIsPublished() throws Exception {
		try (SocketsTestClient client = connect()) {
			subscribeAndAwait(client, "guarded");
			String body = "{\"name\":\"evil\",\"data\":\"x\",\"channels\":[\"guarded\"]}";
			long now = Instant.now().getEpochSecond();

			assertUnauthorized(send(EVENTS, body, sign("POST", EVENTS, params(body, now), "wrong-secret")),
					"Invalid signature");
			assertUnauthorized(send(EVENTS, body, sign("POST", EVENTS, params(body, now - 601), "app-secret")),
					"Timestamp expired");
			String otherBody = "{\"name\":\"evil\",\"data\":\"y\",\"channels\":[\"guarded\"]}";
			assertUnauthorized(send(EVENTS, otherBody, sign("POST", EVENTS, params(body, now), "app-secret")),
					"body_md5");
			assertUnauthorized(send(EVENTS, body, ""), "auth_key");
			String malformed = rawPost(
					EVENTS + "?auth_key=%zz&" + sign("POST", EVENTS, params(body, now), "app-secret"), body);
			assertThat(malformed).startsWith("HTTP/1.1 401").contains("Malformed query string");
			Map<String, String> wrongKey = params(body, now);
			wrongKey.put("auth_key", "other-key");
			assertUnauthorized(send(EVENTS, body, sign("POST", EVENTS, wrongKey, "app-secret")), "auth_key");
			Map<String, String> wrongVersion = params(body, now);
			wrongVersion.put("auth_version", "2.0");
			assertUnauthorized(send(EVENTS, body, sign("POST", EVENTS, wrongVersion, "app-secret")), "auth_version");
			assertUnauthorized(
					send(EVENTS, body, sign("POST", "/apps/1234/batch_events", params(body, now), "app-secret")),
					"Invalid signature");
			assertNothingWithin(client, QUIET);
		}
	}

	@Test
	void invalidBodiesAreRefusedWith400AndAJsonError() throws Exception {
		String[] bad = { "not json", "[]", "{\"data\":\"x\",\"channels\":[\"c\"]}",
				"{\"name\":\"e\",\"data\":{\"an\":\"object\"},\"channels\":[\"c\"]}", "{\"name\":\"e\",\"data\":\"x\"}",
				"{\"name\":\"e\",\"data\":\"x\",\"channels\":[]}",
				"{\"name\":\"e\",\"data\":\"x\",\"channels\":[\"bad name\"]}",
				"{\"name\":\"pusher:internal\",\"data\":\"x\",\"channels\":[\"c\"]}",
				"{\"name\":\"PUSHER:foo\",\"data\":\"x\",\"channels\":[\"c\"]}",
				"{\"name\":\"Pusher_Internal:foo\",\"data\":\"x\",\"channels\":[\"c\"]}",
				"{\"name\":\"e\",\"data\":\"x\",\"channels\":[\"#sockets.control\"]}",
				"{\"name\":\"e\",\"data\":\"x\",\"channels\":[\"#SOCKETS.control\"]}",
				"{\"name\":\"e\",\"data\":\"x\",\"channels\":[\"c\"],\"socket_id\":\"nope\"}",
				"{\"name\":\"e\",\"data\":\"x\",\"channels\":" + channels(101) + "}" };
		for (String body : bad) {
			HttpResponse<String> response = post(EVENTS, body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(JSON.readTree(response.body()).get("error").stringValue()).as(body).isNotBlank();
		}
		assertThat(post(EVENTS, "{\"name\":\"e\",\"data\":\"x\",\"channels\":" + channels(100) + "}").statusCode())
			.isEqualTo(200);
		String elevenEvents = "{\"batch\":["
				+ String.join(",", Collections.nCopies(11, "{\"name\":\"e\",\"data\":\"x\",\"channel\":\"c\"}")) + "]}";
		assertThat(post("/apps/1234/batch_events", elevenEvents).statusCode()).isEqualTo(400);
	}

	@Test
	void aBatchWithOneBadEventPublishesNothing() throws Exception {
		try (SocketsTestClient client = connect()) {
			subscribeAndAwait(client, "all-or-nothing");
			String body = "{\"batch\":[{\"name\":\"good\",\"data\":\"1\",\"channel\":\"all-or-nothing\"},"
					+ "{\"name\":\"bad\",\"data\":2,\"channel\":\"all-or-nothing\"}]}";
			assertThat(post("/apps/1234/batch_events", body).statusCode()).isEqualTo(400);
			assertNothingWithin(client, QUIET);
		}
	}

	@Test
	void oversizedDataAndBodiesAreRefusedWith413() throws Exception {
		String bigData = "{\"name\":\"e\",\"data\":\"" + "x".repeat(1025) + "\",\"channels\":[\"c\"]}";
		HttpResponse<String> data = post(EVENTS, bigData);
		assertThat(data.statusCode()).isEqualTo(413);
		assertThat(JSON.readTree(data.body()).get("error").stringValue())
			.isEqualTo("The data content of this event exceeds the allowed maximum (1024 bytes)");
		String bigBody = "{\"name\":\"e\",\"data\":\"x\",\"channels\":[\"c\"],\"pad\":\"" + "y".repeat(9000) + "\"}";
		assertThat(post(EVENTS, bigBody).statusCode()).isEqualTo(413);
	}

	@Test
	void unknownAppIdIs404() throws Exception {
		HttpResponse<String> response = post("/apps/999/events",
				"{\"name\":\"e\",\"data\":\"x\",\"channels\":[\"c\"]}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(response.body()).get("error").stringValue()).contains("999");
	}

	private SocketsTestClient connect() throws Exception {
		return TestClients.connect("ws://127.0.0.1:" + this.socketsPort + "/app/app-key?protocol=7");
	}

	private static String channels(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "\"c" + i + "\"").collect(Collectors.joining(",", "[", "]"));
	}

	private static void assertUnauthorized(HttpResponse<String> response, String messagePart) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(response.body()).get("error").stringValue()).contains(messagePart);
	}

	/** A request signed the way the Pusher server SDKs sign it. */
	private HttpResponse<String> post(String path, String body) throws Exception {
		return send(path, body, sign("POST", path, params(body, Instant.now().getEpochSecond()), "app-secret"));
	}

	private static Map<String, String> params(String body, long timestamp) {
		Map<String, String> params = new TreeMap<>();
		params.put("auth_key", "app-key");
		params.put("auth_timestamp", Long.toString(timestamp));
		params.put("auth_version", "1.0");
		params.put("body_md5", Signatures.md5Hex(body.getBytes(StandardCharsets.UTF_8)));
		return params;
	}

	private static String sign(String method, String path, Map<String, String> sortedParams, String secret) {
		return ApiSigning.sign(method, path, sortedParams, secret);
	}

	// for what java.net.URI refuses to build, such as a malformed percent-escape
	private String rawPost(String target, String body) throws Exception {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.socketsPort)) {
			socket.setSoTimeout(5000);
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			String head = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
					+ "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
			socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().write(bytes);
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private HttpResponse<String> send(String path, String body, String query) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.socketsPort + path + "?" + query))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
