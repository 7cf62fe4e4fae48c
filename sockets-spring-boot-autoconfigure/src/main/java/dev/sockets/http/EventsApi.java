package dev.sockets.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.sockets.broker.BroadcastRefusedException;
import dev.sockets.broker.Broadcaster;
import dev.sockets.presence.ConnectionIndex;
import dev.sockets.presence.PresenceStore;
import dev.sockets.presence.RoomManager;
import dev.sockets.protocol.ChannelName;
import dev.sockets.protocol.Signatures;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Internal: the Pusher HTTP publish API, {@code POST /apps/{appId}/events} and
 * {@code /batch_events}, so the Pusher server SDKs can publish. Every request is
 * signature-checked before its body is read as JSON; a batch is validated whole before
 * any of it is published. Errors are JSON: {@code {"error": "…"}}.
 */
public final class EventsApi {

	private static final Log logger = LogFactory.getLog(EventsApi.class);

	static final int MAX_BATCH = 10;

	private final ApiSettings settings;

	private final Broadcaster broadcaster;

	private final RoomManager rooms;

	private final ChannelInfo channels;

	private final Executor executor;

	private final JsonMapper jsonMapper;

	private final SignedRequestVerifier verifier;

	/**
	 * Creates the API.
	 * @param settings the app's credentials and limits
	 * @param broadcaster publishes the events
	 * @param rooms disconnects users ({@code terminate_connections})
	 * @param store the members of presence channels, for the {@code info} attributes
	 * @param index subscriber counts, for the {@code info} attributes
	 * @param jsonMapper parses request bodies
	 * @param clock the clock timestamps are checked against
	 * @param executor where answers are written once Redis replied, rather than on the
	 * Redis client's threads
	 */
	public EventsApi(ApiSettings settings, Broadcaster broadcaster, RoomManager rooms, PresenceStore store,
			ConnectionIndex index, JsonMapper jsonMapper, Clock clock, Executor executor) {
		this.executor = executor;
		this.settings = settings;
		this.broadcaster = broadcaster;
		this.rooms = rooms;
		this.channels = new ChannelInfo(store, index);
		this.jsonMapper = jsonMapper;
		this.verifier = new SignedRequestVerifier(settings.appKey(), new Signatures(settings.appSecret()),
				settings.maxTimestampSkew(), clock);
	}

	/**
	 * The routes, registered with Spring MVC's functional endpoints.
	 * @return the router function
	 */
	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.POST("/apps/{appId}/events", (request) -> handle(request, false))
			.POST("/apps/{appId}/batch_events", (request) -> handle(request, true))
			.POST("/apps/{appId}/users/{userId}/terminate_connections", this::terminate)
			.build();
	}

	// closes every connection of the user, on every node, with 4009
	private ServerResponse terminate(ServerRequest request) {
		try {
			if (!this.settings.appId().equals(request.pathVariable("appId"))) {
				throw new ApiException(HttpStatus.NOT_FOUND, "Unknown app id '" + request.pathVariable("appId") + "'");
			}
			HttpServletRequest servlet = request.servletRequest();
			this.verifier.verify(request.method().name(), request.requestPath().pathWithinApplication().value(),
					servlet.getQueryString(), readBody(servlet));
			String userId = request.pathVariable("userId");
			if (userId.isEmpty() || userId.length() > ChannelName.MAX_LENGTH) {
				throw new ApiException(HttpStatus.BAD_REQUEST,
						"A user id is 1 to " + ChannelName.MAX_LENGTH + " characters long");
			}
			this.rooms.disconnect(userId);
			return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body("{}");
		}
		catch (ApiException ex) {
			return error(ex.status(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			// a JSON answer, never the container's default error page
			logger.error("Failed to terminate the connections of a user", ex);
			return error(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error while terminating connections");
		}
	}

	private ServerResponse handle(ServerRequest request, boolean batch) {
		try {
			if (!this.settings.appId().equals(request.pathVariable("appId"))) {
				throw new ApiException(HttpStatus.NOT_FOUND, "Unknown app id '" + request.pathVariable("appId") + "'");
			}
			HttpServletRequest servlet = request.servletRequest();
			byte[] body = readBody(servlet);
			this.verifier.verify(request.method().name(), request.requestPath().pathWithinApplication().value(),
					servlet.getQueryString(), body);
			List<PublishedEvent> events = parse(body, batch);
			CompletableFuture<?>[] published = new CompletableFuture<?>[events.size()];
			for (int i = 0; i < published.length; i++) {
				PublishedEvent event = events.get(i);
				published[i] = this.broadcaster.to(event.channels())
					.except(event.socketId())
					.emitRaw(event.name(), event.data());
			}
			// the attributes are asked alongside the publications, without waiting
			CompletableFuture<String> answer = answer(events, batch);
			// on one node, or with Redis quick, the answer is there already
			return Replies
				.answer(Replies.handle(CompletableFuture.allOf(published).thenCombine(answer, (done, json) -> json),
						(json, failure) -> (failure != null) ? refused(failure)
								: ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(json),
						this.executor));
		}
		catch (ApiException ex) {
			return error(ex.status(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.error("Failed to handle a publish request", ex);
			return error(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error while publishing");
		}
	}

	// "{}" unless an event asked for info: then {"channels":{name:{attributes}}} for an
	// event, and for a batch, whose events have one channel each, the attributes of each
	// event's channel: {"batch":[{attributes},{},...]}, as Pusher answers. The events
	// are published whatever the attributes do: one the store cannot read is left out.
	private CompletableFuture<String> answer(List<PublishedEvent> events, boolean batch) {
		if (events.stream().allMatch((event) -> event.info().isEmpty())) {
			return CompletableFuture.completedFuture("{}");
		}
		if (!batch) {
			PublishedEvent event = events.get(0);
			Map<String, CompletableFuture<Map<String, Object>>> channels = new LinkedHashMap<>();
			for (String channel : event.channels()) {
				channels.put(channel, attributes(event, channel));
			}
			return Replies.apply(CompletableFuture.allOf(channels.values().toArray(CompletableFuture[]::new)),
					(done) -> {
						Map<String, Object> answer = new LinkedHashMap<>();
						channels.forEach((channel, attributes) -> answer.put(channel, attributes.join()));
						return this.jsonMapper.writeValueAsString(Map.of("channels", answer));
					}, this.executor);
		}
		List<CompletableFuture<Map<String, Object>>> answers = events.stream()
			.map((event) -> attributes(event, event.channels().get(0)))
			.toList();
		return Replies.apply(CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)),
				(done) -> this.jsonMapper
					.writeValueAsString(Map.of("batch", answers.stream().map(CompletableFuture::join).toList())),
				this.executor);
	}

	private CompletableFuture<Map<String, Object>> attributes(PublishedEvent event, String channel) {
		return this.channels.attributes(channel, event.info(), -1).exceptionally((failure) -> {
			logger.debug("Could not read the attributes of " + channel + " for a publish", failure);
			return Map.of();
		});
	}

	// 2xx means every node will receive every event: anything less is refused, with a
	// status that tells an SDK to retry
	private ServerResponse refused(Throwable failure) {
		Throwable cause = Replies.cause(failure);
		if (cause instanceof BroadcastRefusedException) {
			return error(HttpStatus.SERVICE_UNAVAILABLE, cause.getMessage());
		}
		logger.error("Failed to publish", cause);
		return error(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error while publishing");
	}

	private ServerResponse error(HttpStatus status, String message) {
		return Replies.error(this.jsonMapper, status, message);
	}

	private List<PublishedEvent> parse(byte[] body, boolean batch) {
		JsonNode root;
		try {
			root = this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "The body is not valid JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "The body must be a JSON object");
		}
		int maxData = this.settings.maxEventDataSize();
		if (!batch) {
			return List.of(PublishedEvent.from(root, maxData));
		}
		JsonNode entries = root.get("batch");
		if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > MAX_BATCH) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "'batch' must be an array of 1 to " + MAX_BATCH + " events");
		}
		List<PublishedEvent> events = new ArrayList<>(entries.size());
		for (JsonNode entry : entries) {
			events.add(PublishedEvent.from(entry, maxData));
		}
		return events;
	}

	private byte[] readBody(HttpServletRequest request) {
		int limit = this.settings.maxRequestSize();
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			throw tooLarge(limit);
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(limit + 1);
			if (body.length > limit) {
				throw tooLarge(limit);
			}
			return body;
		}
		catch (IOException ex) {
			logger.debug("Failed to read a publish request", ex);
			throw new ApiException(HttpStatus.BAD_REQUEST, "The request body could not be read");
		}
	}

	private static ApiException tooLarge(int limit) {
		return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "The request body exceeds " + limit + " bytes");
	}

}
