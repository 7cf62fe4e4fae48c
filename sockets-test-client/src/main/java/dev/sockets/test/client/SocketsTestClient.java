package dev.sockets.test.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Pusher protocol client for tests, as pusher-js behaves: it connects, subscribes to
 * public channels directly and to private and presence channels through the application's
 * own authorization endpoint with the test's credentials, signs in, triggers client
 * events, tracks presence members, and waits for events for a bounded time. <pre>{@code
 * try (SocketsTestClient alice = SocketsTestClient.builder(server, "app-key")
 * 		.basicAuth("alice", "secret")
 * 		.connect()) {
 * 	alice.subscribe("private-team.red");
 * 	broadcaster.to("private-team.red").emit("message", Map.of("text", "hi"));
 * 	assertThat(alice.awaitEvent("private-team.red", "message").json().get("text").asString())
 * 		.isEqualTo("hi");
 * }
 * }</pre> Every frame received stays available until a test takes it, so events may be
 * awaited in any order. A wait that times out fails with an {@link AssertionError} that
 * lists what arrived. Thread-safe; the methods do not throw checked exceptions.
 */
public final class SocketsTestClient implements AutoCloseable {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final Inbox inbox = new Inbox();

	private final Object sendLock = new Object();

	private final Map<String, Map<String, JsonNode>> members = new ConcurrentHashMap<>();

	private final Builder settings;

	private final JsonMapper jsonMapper;

	private final Authorizations authorizations;

	private final WebSocket socket;

	private volatile @Nullable String socketId;

	private SocketsTestClient(Builder settings) {
		this.settings = settings;
		this.jsonMapper = settings.jsonMapper;
		HttpClient http = settings.http();
		Map<String, String> authorizationHeaders = new LinkedHashMap<>(settings.headers);
		authorizationHeaders.putAll(settings.authorizationHeaders);
		this.authorizations = new Authorizations(http, settings.authServer.resolve(settings.channelEndpoint),
				settings.authServer.resolve(settings.userEndpoint), authorizationHeaders, settings.timeout,
				this.jsonMapper);
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(settings.timeout);
		settings.headers.forEach(builder::header);
		this.socket = handshake(builder.buildAsync(settings.webSocketUri(), new Reader()), settings.timeout);
	}

	/**
	 * Starts building a client of a server.
	 * @param server where the Pusher endpoint is served ({@code http://127.0.0.1:8080},
	 * or the {@code ws://} form)
	 * @param appKey the application key ({@code sockets.app.key})
	 * @return the builder
	 */
	public static Builder builder(URI server, String appKey) {
		return new Builder(server, appKey);
	}

	/**
	 * The socket id the server gave this connection.
	 * @return the id
	 * @throws AssertionError if {@code pusher:connection_established} has not arrived
	 */
	public String socketId() {
		String id = this.socketId;
		if (id == null) {
			throw new AssertionError("Not connected yet: no pusher:connection_established received");
		}
		return id;
	}

	/**
	 * Subscribes and waits for the outcome; for a private or presence channel, first asks
	 * the application's authorization endpoint with this client's credentials.
	 * @param channel the channel
	 * @return {@code pusher_internal:subscription_succeeded} (its data lists a presence
	 * channel's members)
	 * @throws SubscriptionRefusedException if the endpoint or the server refused
	 */
	public ReceivedEvent subscribe(String channel) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("channel", channel);
		if (channel.startsWith("private-") || channel.startsWith("presence-")) {
			JsonNode authorization = this.authorizations.channel(socketId(), channel);
			data.put("auth", authorization.path("auth").asString());
			JsonNode channelData = authorization.get("channel_data");
			if (channelData != null) {
				data.put("channel_data", channelData.asString());
			}
		}
		send(Map.of("event", "pusher:subscribe", "data", data));
		return awaitSubscription(channel);
	}

	/**
	 * Subscribes without a signature ({@code "auth":""}), so the server decides inline as
	 * the user of the handshake, and waits for the outcome.
	 * @param channel the channel
	 * @return {@code pusher_internal:subscription_succeeded}
	 * @throws SubscriptionRefusedException if the server refused
	 */
	public ReceivedEvent subscribeInline(String channel) {
		send(Map.of("event", "pusher:subscribe", "data", Map.of("auth", "", "channel", channel)));
		return awaitSubscription(channel);
	}

	private ReceivedEvent awaitSubscription(String channel) {
		ReceivedFrame outcome = this.inbox.take(
				(frame) -> frame.is("pusher_internal:subscription_succeeded", channel)
						|| frame.is("pusher:subscription_error", channel),
				this.settings.timeout, () -> "the outcome of subscribing to " + channel);
		ReceivedEvent event = outcome.toEvent();
		if (event.event().equals("pusher:subscription_error")) {
			JsonNode error = event.json();
			throw new SubscriptionRefusedException(channel, error.path("status").asInt(0),
					error.path("type").asString(null), error.path("error").asString(""));
		}
		return event;
	}

	/**
	 * Unsubscribes; the server does not answer.
	 * @param channel the channel
	 */
	public void unsubscribe(String channel) {
		send(Map.of("event", "pusher:unsubscribe", "data", Map.of("channel", channel)));
		this.members.remove(channel);
	}

	/**
	 * Signs in ({@code pusher.signin()}): asks the application's user authentication
	 * endpoint, sends {@code pusher:signin}, waits for the success and subscribes to the
	 * user's channel ({@code #server-to-user-<id>}), as pusher-js does.
	 * @return the signed user data ({@code id}, maybe {@code user_info})
	 * @throws AssertionError if the endpoint or the server refused
	 */
	public JsonNode signIn() {
		JsonNode authentication = this.authorizations.user(socketId());
		String userData = authentication.path("user_data").asString();
		send(Map.of("event", "pusher:signin", "data",
				Map.of("auth", authentication.path("auth").asString(), "user_data", userData)));
		ReceivedEvent outcome = this.inbox
			.take((frame) -> frame.is("pusher:signin_success", null) || frame.is("pusher:error", null),
					this.settings.timeout, () -> "pusher:signin_success")
			.toEvent();
		if (!outcome.event().equals("pusher:signin_success")) {
			throw new AssertionError("Sign-in failed: " + outcome.data());
		}
		JsonNode user = this.jsonMapper.readTree(userData);
		// as pusher-js does, so that what the server sends to the user arrives
		subscribe("#server-to-user-" + user.path("id").asString());
		return user;
	}

	/**
	 * Sends a client event ({@code channel.trigger(...)}) to the channel's other
	 * subscribers.
	 * @param channel a private or presence channel this client subscribed to
	 * @param event the event name, starting with {@code client-}
	 * @param data any object the JSON mapper can write, or {@code null}
	 */
	public void trigger(String channel, String event, @Nullable Object data) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("event", event);
		message.put("channel", channel);
		message.put("data", data);
		send(message);
	}

	/**
	 * Waits for an event, taking the first one received that has not been taken yet.
	 * @param channel the channel, or {@code null} for any (connection events such as
	 * {@code pusher:error} have none)
	 * @param event the event name
	 * @return the event
	 * @throws AssertionError if none arrives within the timeout
	 */
	public ReceivedEvent awaitEvent(@Nullable String channel, String event) {
		return awaitEvent(channel, event, (received) -> true);
	}

	/**
	 * Waits for an event that matches, taking the first one received that has not been
	 * taken yet.
	 * @param channel the channel, or {@code null} for any
	 * @param event the event name
	 * @param matching what else it must satisfy
	 * @return the event
	 * @throws AssertionError if none arrives within the timeout
	 */
	public ReceivedEvent awaitEvent(@Nullable String channel, String event, Predicate<ReceivedEvent> matching) {
		return this.inbox
			.take((frame) -> frame.is(event, channel) && matching.test(frame.toEvent()), this.settings.timeout,
					() -> event + ((channel != null) ? " on " + channel : ""))
			.toEvent();
	}

	/**
	 * Waits for the first of several events, taking it.
	 * @param channel the channel, or {@code null} for any
	 * @param events the event names
	 * @return the first of them to arrive
	 * @throws AssertionError if none arrives within the timeout
	 */
	public ReceivedEvent awaitAnyEvent(@Nullable String channel, String... events) {
		List<String> names = List.of(events);
		return this.inbox
			.take((frame) -> frame.event() != null && names.contains(frame.event()) && frame.is(frame.event(), channel),
					this.settings.timeout, () -> "one of " + names + ((channel != null) ? " on " + channel : ""))
			.toEvent();
	}

	/**
	 * Asserts that no such event arrives for a while (nor arrived without being taken).
	 * @param channel the channel, or {@code null} for any
	 * @param event the event name
	 * @param during how long to watch
	 * @throws AssertionError if one arrives
	 */
	public void assertNoEvent(@Nullable String channel, String event, Duration during) {
		ReceivedFrame frame = this.inbox.poll((received) -> received.is(event, channel), during);
		if (frame != null) {
			throw new AssertionError("Expected no " + event + " but received " + frame.text());
		}
	}

	/**
	 * The members of a presence channel as this client knows them: from the subscription,
	 * then {@code member_added} and {@code member_removed}.
	 * @param channel the presence channel
	 * @return user ids to their {@code user_info} (a null node when they have none)
	 */
	public Map<String, JsonNode> members(String channel) {
		return Map.copyOf(this.members.getOrDefault(channel, Map.of()));
	}

	/**
	 * Sends a text frame exactly as given, for tests of the protocol itself.
	 * @param text the frame
	 * @throws IllegalStateException if the connection is closed
	 */
	public void send(String text) {
		send(this.socket, text);
	}

	// one send at a time, as the JDK's client requires; a send that does not end in time
	// leaves the connection unusable, so it is aborted
	private void send(WebSocket socket, String text) {
		synchronized (this.sendLock) {
			try {
				Interruptions.get(socket.sendText(text, true).toCompletableFuture(), this.settings.timeout,
						"the end of sending " + text);
			}
			catch (AssertionError ex) {
				socket.abort();
				throw ex;
			}
		}
	}

	/**
	 * Sends a binary frame, which the Pusher protocol does not use, for tests of how the
	 * server refuses it.
	 * @param bytes the frame's payload
	 */
	public void sendBinary(byte[] bytes) {
		synchronized (this.sendLock) {
			Interruptions.get(this.socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).toCompletableFuture(),
					this.settings.timeout, "the end of sending a binary frame");
		}
	}

	private void send(Map<String, ?> message) {
		send(this.jsonMapper.writeValueAsString(message));
	}

	/**
	 * Takes the oldest frame not taken yet, exactly as it arrived.
	 * @return the frame's text
	 * @throws AssertionError if none arrives within the timeout
	 */
	public String nextFrame() {
		return this.inbox.take((frame) -> true, this.settings.timeout, () -> "a frame").text();
	}

	/**
	 * Takes the oldest frame not taken yet, read as JSON, for tests of the protocol
	 * itself.
	 * @return the frame's JSON
	 * @throws AssertionError if none arrives within the timeout, or it is not JSON
	 */
	public JsonNode nextMessage() {
		return nextMessage(this.settings.timeout);
	}

	/**
	 * Takes the oldest frame not taken yet, read as JSON, waiting a given time.
	 * @param wait how long to wait
	 * @return the frame's JSON
	 * @throws AssertionError if none arrives in time, or it is not JSON
	 */
	public JsonNode nextMessage(Duration wait) {
		return json(this.inbox.take((frame) -> true, wait, () -> "a frame"));
	}

	/**
	 * Takes the oldest frame not taken yet, read as JSON, if one arrives in time.
	 * @param wait how long to wait
	 * @return the frame's JSON, or {@code null} when none arrived
	 * @throws AssertionError if it is not JSON
	 */
	public @Nullable JsonNode pollMessage(Duration wait) {
		ReceivedFrame frame = this.inbox.poll((received) -> true, wait);
		return (frame != null) ? json(frame) : null;
	}

	private static JsonNode json(ReceivedFrame frame) {
		JsonNode json = frame.json();
		if (json == null) {
			throw new AssertionError("Not JSON: " + frame.text());
		}
		return json;
	}

	/**
	 * Takes the oldest frame not taken yet, waiting at most a while.
	 * @param wait how long to wait
	 * @return the frame's text, or {@code null} when none arrived
	 */
	public @Nullable String pollFrame(Duration wait) {
		ReceivedFrame frame = this.inbox.poll((received) -> true, wait);
		return (frame != null) ? frame.text() : null;
	}

	/**
	 * Every frame this connection received, taken or not, in order.
	 * @return their texts
	 */
	public List<String> receivedFrames() {
		return this.inbox.all().stream().map(ReceivedFrame::text).toList();
	}

	/**
	 * Every Pusher event this connection received, taken or not, in order.
	 * @return the events
	 */
	public List<ReceivedEvent> receivedEvents() {
		return this.inbox.all().stream().filter((frame) -> frame.event() != null).map(ReceivedFrame::toEvent).toList();
	}

	/**
	 * Starts reading, for a client built with {@link Builder#pausedReading()}.
	 */
	public void resumeReading() {
		this.socket.request(Long.MAX_VALUE);
	}

	/**
	 * Waits for the server to close the connection.
	 * @return the close code (1006 when the connection failed without one)
	 * @throws AssertionError if it stays open for the timeout
	 */
	public int awaitClose() {
		return awaitClose(this.settings.timeout);
	}

	/**
	 * Waits for the server to close the connection, for a given time.
	 * @param wait how long to wait
	 * @return the close code (1006 when the connection failed without one)
	 * @throws AssertionError if it stays open that long
	 */
	public int awaitClose(Duration wait) {
		Integer code = this.inbox.awaitClose(wait);
		if (code == null) {
			throw new AssertionError("The connection is still open after " + wait);
		}
		return code;
	}

	/**
	 * Whether the connection is closed.
	 * @return {@code true} once the server closed it, or it failed
	 */
	public boolean isClosed() {
		return this.inbox.isClosed() || this.socket.isInputClosed();
	}

	/**
	 * Closes the connection with 1000, as a page that is left does.
	 */
	@Override
	public void close() {
		try {
			if (!this.socket.isOutputClosed()) {
				this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "")
					.toCompletableFuture()
					.get(this.settings.timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException ex) {
			// closing anyway
		}
		finally {
			this.socket.abort();
		}
	}

	private static WebSocket handshake(CompletionStage<WebSocket> opening, Duration timeout) {
		try {
			return Interruptions.get(opening.toCompletableFuture(), timeout, "the WebSocket handshake");
		}
		catch (CompletionException | IllegalStateException ex) {
			Throwable cause = ex;
			while (cause != null && !(cause instanceof WebSocketHandshakeException)) {
				cause = cause.getCause();
			}
			if (cause instanceof WebSocketHandshakeException refused) {
				HttpResponse<?> response = refused.getResponse();
				Object body = response.body();
				throw new HandshakeRefusedException(response.statusCode(), (body instanceof String text) ? text : "");
			}
			throw ex;
		}
	}

	private void received(WebSocket socket, ReceivedFrame frame) {
		String event = frame.event();
		String channel = frame.channel();
		if (event == null) {
			return;
		}
		if (event.equals("pusher:connection_established")) {
			this.socketId = frame.toEvent().json().path("socket_id").asString(null);
		}
		else if (event.equals("pusher:ping") && this.settings.answerPings) {
			// off the reading thread, as a send waits for its completion
			Thread pong = new Thread(() -> send(socket, "{\"event\":\"pusher:pong\",\"data\":{}}"),
					"sockets-test-client-pong");
			pong.setDaemon(true);
			pong.start();
		}
		else if (channel != null && channel.startsWith("presence-") && event.startsWith("pusher_internal:")) {
			try {
				trackMembers(event, channel, frame.toEvent().json());
			}
			catch (RuntimeException ex) {
				// not a membership message this client understands: the frame still
				// arrives
			}
		}
	}

	private void trackMembers(String event, String channel, JsonNode data) {
		switch (event) {
			case "pusher_internal:subscription_succeeded" -> {
				Map<String, JsonNode> known = new ConcurrentHashMap<>();
				data.path("presence")
					.path("hash")
					.properties()
					.forEach((member) -> known.put(member.getKey(), member.getValue()));
				this.members.put(channel, known);
			}
			case "pusher_internal:member_added" ->
				this.members.computeIfAbsent(channel, (key) -> new ConcurrentHashMap<>())
					.put(data.path("user_id").asString(), data.path("user_info"));
			case "pusher_internal:member_removed" -> {
				Map<String, JsonNode> known = this.members.get(channel);
				if (known != null) {
					known.remove(data.path("user_id").asString());
				}
			}
			default -> {
			}
		}
	}

	private final class Reader implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public void onOpen(WebSocket webSocket) {
			if (!SocketsTestClient.this.settings.pausedReading) {
				webSocket.request(Long.MAX_VALUE);
			}
		}

		@Override
		public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				ReceivedFrame frame = ReceivedFrame.of(this.partial.toString(), SocketsTestClient.this.jsonMapper);
				this.partial.setLength(0);
				received(webSocket, frame);
				SocketsTestClient.this.inbox.add(frame);
			}
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			SocketsTestClient.this.inbox.closed(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			SocketsTestClient.this.inbox.closed(1006);
		}

	}

	/**
	 * Builds a {@link SocketsTestClient}.
	 */
	public static final class Builder {

		private static volatile @Nullable HttpClient sharedHttp;

		private final URI server;

		private final String appKey;

		private URI authServer;

		private String channelEndpoint = "/sockets/auth";

		private String userEndpoint = "/sockets/user-auth";

		private final Map<String, String> headers = new LinkedHashMap<>();

		private final Map<String, String> authorizationHeaders = new LinkedHashMap<>();

		private Duration timeout = DEFAULT_TIMEOUT;

		private boolean pausedReading;

		private boolean answerPings = true;

		private JsonMapper jsonMapper = JsonMapper.shared();

		private @Nullable URI webSocketUri;

		private @Nullable HttpClient http;

		private Builder(URI server, String appKey) {
			this.server = server;
			this.appKey = appKey;
			this.authServer = server;
		}

		/**
		 * Where the application serves its authorization endpoints, when not on the
		 * Pusher endpoint's server (with {@code sockets.transport=netty} they stay on the
		 * application's own port).
		 * @param authServer {@code http://127.0.0.1:8080}, say
		 * @return this builder
		 */
		public Builder authServer(URI authServer) {
			this.authServer = authServer;
			return this;
		}

		/**
		 * The paths of the authorization endpoints, when not the starter's defaults
		 * ({@code sockets.authorization.endpoint-path} and {@code user-endpoint-path}).
		 * @param channelEndpoint the channel authorization endpoint
		 * @param userEndpoint the user authentication endpoint
		 * @return this builder
		 */
		public Builder authEndpoints(String channelEndpoint, String userEndpoint) {
			this.channelEndpoint = channelEndpoint;
			this.userEndpoint = userEndpoint;
			return this;
		}

		/**
		 * A header sent with the handshake and with every authorization request: a
		 * session cookie, an {@code Origin}, a token.
		 * @param name the header name
		 * @param value its value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		/**
		 * A header sent with authorization requests only, not with the handshake: to have
		 * a signed-in user's signature used by an anonymous connection, say. Replaces a
		 * {@link #header} of the same name there.
		 * @param name the header name
		 * @param value its value
		 * @return this builder
		 */
		public Builder authorizationHeader(String name, String value) {
			this.authorizationHeaders.put(name, value);
			return this;
		}

		/**
		 * HTTP Basic credentials, sent as {@link #header}.
		 * @param username the user name
		 * @param password the password
		 * @return this builder
		 */
		public Builder basicAuth(String username, String password) {
			return header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}

		/**
		 * A bearer token, sent as {@link #header}.
		 * @param token the token
		 * @return this builder
		 */
		public Builder bearerToken(String token) {
			return header("Authorization", "Bearer " + token);
		}

		/**
		 * How long any wait lasts before it fails; 5 seconds unless set.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * Reads nothing until {@link SocketsTestClient#resumeReading()}, like a client
		 * that stopped reading; use with {@link #open()}.
		 * @return this builder
		 */
		public Builder pausedReading() {
			this.pausedReading = true;
			return this;
		}

		/**
		 * Whether {@code pusher:ping} is answered with {@code pusher:pong}, as pusher-js
		 * does; on unless set.
		 * @param answerPings whether to answer
		 * @return this builder
		 */
		public Builder answerPings(boolean answerPings) {
			this.answerPings = answerPings;
			return this;
		}

		/**
		 * The JSON mapper that writes client event data and reads answers; the shared
		 * default one unless set.
		 * @param jsonMapper the mapper
		 * @return this builder
		 */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = jsonMapper;
			return this;
		}

		/**
		 * The exact WebSocket URL to open, for tests of the handshake itself; by default
		 * {@code /app/{key}?protocol=7&client=sockets-test-client&version=1.0} on the
		 * server.
		 * @param webSocketUri the URL
		 * @return this builder
		 */
		public Builder webSocketUri(URI webSocketUri) {
			this.webSocketUri = webSocketUri;
			return this;
		}

		/**
		 * The HTTP client to connect with; one shared by all test clients unless set.
		 * @param http the client
		 * @return this builder
		 */
		public Builder httpClient(HttpClient http) {
			this.http = http;
			return this;
		}

		/**
		 * Connects and waits for {@code pusher:connection_established}.
		 * @return the connected client
		 * @throws HandshakeRefusedException if the server refused the handshake
		 * @throws AssertionError if the connection is not established within the timeout
		 * (the server sent {@code pusher:error} and closed, say)
		 */
		public SocketsTestClient connect() {
			SocketsTestClient client = open();
			try {
				client.inbox.take((frame) -> frame.is("pusher:connection_established", null), this.timeout,
						() -> "pusher:connection_established");
			}
			catch (AssertionError ex) {
				client.close();
				throw ex;
			}
			return client;
		}

		/**
		 * Opens the WebSocket without waiting for anything from the server, for tests of
		 * what it sends first.
		 * @return the open client
		 * @throws HandshakeRefusedException if the server refused the handshake
		 */
		public SocketsTestClient open() {
			return new SocketsTestClient(this);
		}

		URI webSocketUri() {
			if (this.webSocketUri != null) {
				return this.webSocketUri;
			}
			String scheme = switch (this.server.getScheme()) {
				case "https", "wss" -> "wss";
				default -> "ws";
			};
			return URI.create(scheme + "://" + this.server.getRawAuthority() + "/app/" + this.appKey
					+ "?protocol=7&client=sockets-test-client&version=1.0");
		}

		HttpClient http() {
			if (this.http != null) {
				return this.http;
			}
			HttpClient shared = sharedHttp;
			if (shared == null) {
				synchronized (Builder.class) {
					shared = sharedHttp;
					if (shared == null) {
						shared = HttpClient.newBuilder().connectTimeout(DEFAULT_TIMEOUT).build();
						sharedHttp = shared;
					}
				}
			}
			return shared;
		}

	}

}
