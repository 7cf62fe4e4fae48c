package dev.sockets.test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import dev.sockets.test.client.SocketsTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SocketsTestClient}s for exact protocol tests: opened on the exact WebSocket URL
 * a test gives (its query asserted on, or carrying a token), not answering
 * {@code pusher:ping} on their own, and helpers that keep frames in strict order.
 */
public final class TestClients {

	/**
	 * How long {@link #awaitClose} waits for the server to close a connection.
	 */
	public static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

	private static final JsonMapper JSON = JsonMapper.shared();

	private TestClients() {
	}

	/**
	 * A builder of a client of the exact WebSocket URL, that does not answer pings.
	 * @param url {@code ws://127.0.0.1:<port>/app/<key>?...}
	 * @return the builder
	 */
	public static SocketsTestClient.Builder builder(String url) {
		URI uri = URI.create(url);
		String path = uri.getPath();
		String key = path.substring(path.lastIndexOf('/') + 1);
		return SocketsTestClient.builder(URI.create("http://" + uri.getRawAuthority()), key)
			.webSocketUri(uri)
			.answerPings(false);
	}

	/**
	 * Opens a connection and asserts that the first frame is
	 * {@code pusher:connection_established}, taking it.
	 * @param url the exact WebSocket URL
	 * @return the connected client
	 */
	public static SocketsTestClient connect(String url) {
		return connect(builder(url));
	}

	/**
	 * Opens a connection with extra handshake headers and asserts that the first frame is
	 * {@code pusher:connection_established}, taking it.
	 * @param url the exact WebSocket URL
	 * @param headers the handshake's extra headers
	 * @return the connected client
	 */
	public static SocketsTestClient connect(String url, Map<String, String> headers) {
		SocketsTestClient.Builder builder = builder(url);
		headers.forEach(builder::header);
		return connect(builder);
	}

	/**
	 * Opens a connection and asserts that the first frame is
	 * {@code pusher:connection_established}, taking it.
	 * @param builder the client's builder
	 * @return the connected client
	 */
	public static SocketsTestClient connect(SocketsTestClient.Builder builder) {
		SocketsTestClient client = builder.open();
		try {
			JsonNode established = client.nextMessage();
			assertThat(established.get("event").stringValue()).as(established.toString())
				.isEqualTo("pusher:connection_established");
		}
		catch (AssertionError | RuntimeException ex) {
			client.close();
			throw ex;
		}
		return client;
	}

	/**
	 * Opens a connection without waiting for anything.
	 * @param url the exact WebSocket URL
	 * @return the open client
	 */
	public static SocketsTestClient open(String url) {
		return builder(url).open();
	}

	/**
	 * Opens a connection that reads nothing until
	 * {@link SocketsTestClient#resumeReading()}, like a client that stopped reading.
	 * @param url the exact WebSocket URL
	 * @return the open client
	 */
	public static SocketsTestClient openStalled(String url) {
		return builder(url).pausedReading().open();
	}

	/**
	 * Sends {@code pusher:subscribe} with {@code "auth":""} and does not wait.
	 * @param client the client
	 * @param channel the channel
	 */
	public static void subscribe(SocketsTestClient client, String channel) {
		send(client, Map.of("event", "pusher:subscribe", "data", Map.of("auth", "", "channel", channel)));
	}

	/**
	 * Sends {@code pusher:subscribe} with {@code "auth":""} and asserts that the very
	 * next frame is {@code pusher_internal:subscription_succeeded} for the channel.
	 * @param client the client
	 * @param channel the channel
	 * @return the frame
	 */
	public static JsonNode subscribeAndAwait(SocketsTestClient client, String channel) {
		subscribe(client, channel);
		JsonNode reply = client.nextMessage();
		assertThat(reply.get("event").stringValue()).as(reply.toString())
			.isEqualTo("pusher_internal:subscription_succeeded");
		assertThat(reply.get("channel").stringValue()).isEqualTo(channel);
		return reply;
	}

	/**
	 * Sends a message written as JSON.
	 * @param client the client
	 * @param message the message
	 */
	public static void send(SocketsTestClient client, Map<String, ?> message) {
		client.send(JSON.writeValueAsString(message));
	}

	/**
	 * Asserts that no frame arrives for a while (nor arrived without being taken).
	 * @param client the client
	 * @param during how long to watch
	 */
	public static void assertNothingWithin(SocketsTestClient client, Duration during) {
		long started = System.nanoTime();
		assertThat(client.pollFrame(during)).as("unexpected frame").isNull();
		// the whole while, even when the connection closed early, as tests also wait
		// with it for the server to settle
		long left = during.toNanos() - (System.nanoTime() - started);
		if (left > 0) {
			LockSupport.parkNanos(left);
		}
	}

	/**
	 * Waits up to {@link #CLOSE_WAIT} for the server to close the connection, however
	 * long the client's own timeout.
	 * @param client the client
	 * @return the close code
	 */
	public static int awaitClose(SocketsTestClient client) {
		long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
		while (true) {
			try {
				return client.awaitClose();
			}
			catch (AssertionError ex) {
				if (System.nanoTime() - deadline >= 0) {
					throw ex;
				}
			}
		}
	}

}
