package dev.sockets.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Pusher protocol connection made with the JDK's WebSocket client, as a test sees it:
 * it records every frame the server sends and waits for the ones a test expects, for a
 * bounded time.
 */
public final class TestPusherConnection implements AutoCloseable {

	public static final Duration WAIT = Duration.ofSeconds(5);

	private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

	private final List<JsonNode> seen = new ArrayList<>();

	private final JsonMapper jsonMapper;

	private final WebSocket webSocket;

	private final String socketId;

	private TestPusherConnection(HttpClient http, URI uri, Map<String, String> headers, JsonMapper jsonMapper)
			throws Exception {
		this.jsonMapper = jsonMapper;
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(WAIT);
		headers.forEach(builder::header);
		this.webSocket = builder.buildAsync(uri, new Recorder()).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		JsonNode established = next((frame) -> true);
		if (!"pusher:connection_established".equals(established.path("event").asString())) {
			throw new IllegalStateException("Expected pusher:connection_established first, got " + established);
		}
		this.socketId = data(established).path("socket_id").asString();
	}

	public static TestPusherConnection open(HttpClient http, int port, String appKey, JsonMapper jsonMapper)
			throws Exception {
		return open(http, port, appKey, Map.of(), jsonMapper);
	}

	/**
	 * Opens a connection whose handshake request carries the given headers, such as HTTP
	 * Basic credentials.
	 */
	public static TestPusherConnection open(HttpClient http, int port, String appKey, Map<String, String> headers,
			JsonMapper jsonMapper) throws Exception {
		URI uri = URI.create("ws://127.0.0.1:" + port + "/app/" + appKey + "?protocol=7&client=java&version=1.0");
		return new TestPusherConnection(http, uri, headers, jsonMapper);
	}

	public String socketId() {
		return this.socketId;
	}

	/**
	 * Subscribes without an {@code auth} signature, so a private channel is authorized
	 * inline, as the user of the handshake, and waits for the success.
	 */
	public void subscribe(String channel) throws InterruptedException {
		sendSubscribe(channel);
		JsonNode outcome = next((frame) -> isEvent(frame, "pusher_internal:subscription_succeeded", channel)
				|| isEvent(frame, "pusher:subscription_error", channel));
		if (!isEvent(outcome, "pusher_internal:subscription_succeeded", channel)) {
			throw new AssertionError("Subscription to " + channel + " failed: " + outcome);
		}
	}

	/**
	 * Subscribes without an {@code auth} signature and waits for the refusal.
	 * @return the decoded data of {@code pusher:subscription_error}
	 */
	public JsonNode subscribeExpectingError(String channel) throws InterruptedException {
		sendSubscribe(channel);
		JsonNode outcome = next((frame) -> isEvent(frame, "pusher_internal:subscription_succeeded", channel)
				|| isEvent(frame, "pusher:subscription_error", channel));
		if (!isEvent(outcome, "pusher:subscription_error", channel)) {
			throw new AssertionError("Subscription to " + channel + " succeeded: " + outcome);
		}
		return data(outcome);
	}

	private void sendSubscribe(String channel) {
		send("{\"event\":\"pusher:subscribe\",\"data\":{\"auth\":\"\",\"channel\":\"" + channel + "\"}}");
	}

	/**
	 * Sends a client event, as pusher-js's {@code channel.trigger(event, data)} does.
	 * @param channel the channel, which the connection must be subscribed to
	 * @param event the event, {@code client-…}
	 * @param data the data as a JSON document
	 */
	public void trigger(String channel, String event, String data) {
		send("{\"event\":\"" + event + "\",\"channel\":\"" + channel + "\",\"data\":" + data + "}");
	}

	/**
	 * The decoded data of the next event with this name on this channel.
	 */
	public JsonNode nextEvent(String event, String channel) throws InterruptedException {
		return data(next((frame) -> isEvent(frame, event, channel)));
	}

	/**
	 * Every frame received so far, including those a wait skipped.
	 */
	public synchronized List<JsonNode> seen() {
		return List.copyOf(this.seen);
	}

	public JsonNode data(JsonNode frame) {
		JsonNode data = frame.path("data");
		// Pusher sends data as a JSON document inside a string
		return data.isString() ? this.jsonMapper.readTree(data.asString()) : data;
	}

	private JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (true) {
			JsonNode frame = this.frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (frame == null) {
				throw new AssertionError("No matching frame within " + WAIT + "; received " + seen());
			}
			if (wanted.test(frame)) {
				return frame;
			}
		}
	}

	private void send(String text) {
		this.webSocket.sendText(text, true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	private static boolean isEvent(JsonNode frame, String event, String channel) {
		return event.equals(frame.path("event").asString()) && channel.equals(frame.path("channel").asString());
	}

	@Override
	public void close() {
		try {
			this.webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			// closing anyway
		}
		finally {
			this.webSocket.abort();
		}
	}

	private final class Recorder implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				JsonNode frame = TestPusherConnection.this.jsonMapper.readTree(this.partial.toString());
				this.partial.setLength(0);
				synchronized (TestPusherConnection.this) {
					TestPusherConnection.this.seen.add(frame);
				}
				TestPusherConnection.this.frames.add(frame);
			}
			webSocket.request(1);
			return null;
		}

	}

}
