package dev.sockets.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A raw WebSocket client (the JDK's) that records every frame, for asserting exact
 * protocol behaviour.
 */
public final class PusherTestClient implements AutoCloseable {

	public static final Duration WAIT = Duration.ofSeconds(5);

	private static final JsonMapper JSON = JsonMapper.shared();

	private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private final WebSocket socket;

	private String socketId;

	private PusherTestClient(URI uri, boolean autoRead, Map<String, String> headers) throws Exception {
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
		headers.forEach(builder::header);
		this.socket = builder.buildAsync(uri, new Recorder(autoRead)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	/**
	 * Opens a connection and reads whatever arrives.
	 */
	public static PusherTestClient open(String url) throws Exception {
		return new PusherTestClient(URI.create(url), true, Map.of());
	}

	/**
	 * Opens a connection that reads nothing until told to, like a client that stopped
	 * reading.
	 */
	public static PusherTestClient openStalled(String url) throws Exception {
		return new PusherTestClient(URI.create(url), false, Map.of());
	}

	/**
	 * Opens a connection and waits for {@code pusher:connection_established}.
	 */
	public static PusherTestClient connect(String url) throws Exception {
		return connect(url, Map.of());
	}

	/**
	 * Opens a connection with extra handshake headers and waits for
	 * {@code pusher:connection_established}.
	 */
	public static PusherTestClient connect(String url, Map<String, String> headers) throws Exception {
		PusherTestClient client = new PusherTestClient(URI.create(url), true, headers);
		JsonNode established = client.next();
		assertThat(established.get("event").stringValue()).isEqualTo("pusher:connection_established");
		client.socketId = JSON.readTree(established.get("data").stringValue()).get("socket_id").stringValue();
		return client;
	}

	public String socketId() {
		return this.socketId;
	}

	public void send(String text) {
		this.socket.sendText(text, true).join();
	}

	public void send(Map<String, ?> message) {
		send(JSON.writeValueAsString(message));
	}

	public void sendBinary(byte[] bytes) {
		this.socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
	}

	public void subscribe(String channel) {
		send(Map.of("event", "pusher:subscribe", "data", Map.of("auth", "", "channel", channel)));
	}

	public JsonNode subscribeAndAwait(String channel) throws InterruptedException {
		subscribe(channel);
		JsonNode reply = next();
		assertThat(reply.get("event").stringValue()).isEqualTo("pusher_internal:subscription_succeeded");
		assertThat(reply.get("channel").stringValue()).isEqualTo(channel);
		return reply;
	}

	/**
	 * The next frame, parsed; fails after {@link #WAIT}.
	 */
	public JsonNode next() throws InterruptedException {
		return next(WAIT);
	}

	/**
	 * The next frame, parsed; fails after the given time.
	 */
	public JsonNode next(Duration wait) throws InterruptedException {
		String frame = this.frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
		if (frame == null) {
			fail("No frame within " + wait);
		}
		return JSON.readTree(frame);
	}

	/**
	 * The next frame if one arrives within the given time, else {@code null}.
	 */
	public JsonNode pollOrNull(Duration wait) throws InterruptedException {
		String frame = this.frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
		return (frame != null) ? JSON.readTree(frame) : null;
	}

	/**
	 * The next raw frame text; fails after {@link #WAIT}.
	 */
	public String nextText() throws InterruptedException {
		String frame = this.frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		if (frame == null) {
			fail("No frame within " + WAIT);
		}
		return frame;
	}

	/**
	 * Asserts that nothing arrives for a while.
	 */
	public void assertNothingWithin(Duration duration) throws InterruptedException {
		String frame = this.frames.poll(duration.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(frame).as("unexpected frame").isNull();
	}

	/**
	 * The close code the server sent; fails after {@link #WAIT}.
	 */
	public int awaitClose() throws Exception {
		return this.closeCode.get(WAIT.toSeconds() * 3, TimeUnit.SECONDS);
	}

	public boolean isClosed() {
		return this.closeCode.isDone() || this.socket.isInputClosed();
	}

	public void startReading() {
		this.socket.request(Long.MAX_VALUE);
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
		}
		this.socket.abort();
	}

	private final class Recorder implements WebSocket.Listener {

		private final boolean autoRead;

		private final StringBuilder partial = new StringBuilder();

		Recorder(boolean autoRead) {
			this.autoRead = autoRead;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			if (this.autoRead) {
				webSocket.request(Long.MAX_VALUE);
			}
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				PusherTestClient.this.frames.add(this.partial.toString());
				this.partial.setLength(0);
			}
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			PusherTestClient.this.closeCode.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			PusherTestClient.this.closeCode.complete(1006);
		}

	}

}
