package dev.sockets.benchmarks.load;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import dev.sockets.protocol.Frames;
import dev.sockets.protocol.Signatures;

/**
 * A server endpoint under test: the sockets starter on either transport (Pusher protocol,
 * signed HTTP API publishes), a raw baseline (no protocol, publishes of a pre-encoded
 * frame: the servlet container's or Node's {@code ws}), or Socket.IO (rooms, publishes
 * emitted to a room).
 *
 * @param name {@code sockets}, {@code sockets-netty}, {@code raw}, {@code ws} or
 * {@code socketio}
 * @param base the server's base URL, e.g. {@code http://127.0.0.1:8090}
 */
record Target(String name, String base) {

	static final String APP_ID = "bench";

	static final String APP_KEY = "bench-key";

	private static final Signatures SIGNATURES = new Signatures("bench-secret");

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	Protocol protocol() {
		return Protocol.of(this.name);
	}

	URI webSocketUri() {
		String ws = this.base.replaceFirst("^http", "ws");
		// the client loops speak plain ws:// on loopback only
		return URI.create(switch (protocol()) {
			case PUSHER -> ws + "/app/" + APP_KEY + "?protocol=7&client=bench&version=1";
			case RAW -> ws + "/raw";
			case SOCKET_IO -> ws + "/socket.io/?EIO=4&transport=websocket";
		});
	}

	/**
	 * Publishes one benchmark event, its payload padded to {@code size} bytes and stamped
	 * with the current time.
	 * @return the HTTP status, asynchronously
	 */
	CompletableFuture<Integer> publish(String channel, long sequence, int size, long stampMicros) {
		String data = payload(sequence, size, stampMicros);
		HttpRequest request;
		if (protocol() == Protocol.SOCKET_IO) {
			request = HttpRequest
				.newBuilder(URI
					.create(this.base + "/publish?channel=" + URLEncoder.encode(channel, StandardCharsets.UTF_8)))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(data))
				.build();
		}
		else if (protocol() == Protocol.PUSHER) {
			String body = "{\"name\":\"" + BenchClient.EVENT + "\",\"channels\":[\"" + channel + "\"],\"data\":"
					+ quote(data) + "}";
			String path = "/apps/" + APP_ID + "/events";
			String query = "auth_key=" + APP_KEY + "&auth_timestamp=" + Instant.now().getEpochSecond()
					+ "&auth_version=1.0&body_md5=" + Signatures.md5Hex(body.getBytes(StandardCharsets.UTF_8));
			query += "&auth_signature=" + SIGNATURES.sign("POST\n" + path + "\n" + query);
			request = HttpRequest.newBuilder(URI.create(this.base + path + "?" + query))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
		}
		else {
			String frame = Frames.event(BenchClient.EVENT, channel, data).text();
			request = HttpRequest.newBuilder(URI.create(this.base + "/raw/publish"))
				.header("Content-Type", "text/plain")
				.POST(HttpRequest.BodyPublishers.ofString(frame))
				.build();
		}
		return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
	}

	private static String payload(long sequence, int size, long stampMicros) {
		StringBuilder data = new StringBuilder(size + 32).append("{\"t\":")
			.append(stampMicros)
			.append(",\"s\":")
			.append(sequence)
			.append(",\"p\":\"");
		while (data.length() < size - 2) {
			data.append('x');
		}
		return data.append("\"}").toString();
	}

	private static String quote(String json) {
		return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
