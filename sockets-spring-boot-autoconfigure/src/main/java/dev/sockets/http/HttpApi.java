package dev.sockets.http;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.sockets.broker.BroadcastRefusedException;
import dev.sockets.broker.Broadcaster;
import dev.sockets.broker.ChannelHistory;
import dev.sockets.broker.ChannelCache;
import dev.sockets.presence.ConnectionIndex;
import dev.sockets.presence.PresenceStore;
import dev.sockets.presence.PresenceUnavailableException;
import dev.sockets.presence.RoomManager;
import dev.sockets.protocol.Signatures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriUtils;

/**
 * Internal: the Pusher HTTP API, whichever server carries it: {@code POST
 * /apps/{appId}/events}, {@code /batch_events} and
 * {@code /users/{userId}/terminate_connections}; {@code GET /apps/{appId}/channels},
 * {@code /channels/{channel}} and {@code /channels/{channel}/users}. Here, once for all
 * of them: the routes, the app id, the size limit, the signature, and the mapping of
 * failures to statuses with a JSON body ({@code {"error": "…"}}): 503 when Redis cannot
 * take or answer the request in time, 500 with a log line for our own faults, never a
 * container's error page. Answers never hold a thread while the stores are asked.
 */
public final class HttpApi {

	private static final Log logger = LogFactory.getLog(HttpApi.class);

	private static final String POST = "POST";

	private static final String GET = "GET";

	/** The path patterns the API answers, for servers that register routes. */
	public static final List<String> PATHS = List.of("/apps/{appId}/events", "/apps/{appId}/batch_events",
			"/apps/{appId}/users/{userId}/terminate_connections", "/apps/{appId}/channels",
			"/apps/{appId}/channels/{channel}", "/apps/{appId}/channels/{channel}/users",
			"/apps/{appId}/channels/{channel}/history");

	private final ApiSettings settings;

	private final SignedRequestVerifier verifier;

	private final EventsApi events;

	private final ChannelsApi channels;

	private final Executor executor;

	private final HistoryApi history;

	/**
	 * Creates the API.
	 * @param settings the app's credentials and limits
	 * @param broadcaster publishes the events
	 * @param rooms disconnects users ({@code terminate_connections})
	 * @param store the members of presence channels
	 * @param index subscriber counts
	 * @param cache the last events of cache channels
	 * @param jsonMapper reads bodies and writes answers
	 * @param clock the clock timestamps are checked against
	 * @param executor where answers are made once the stores replied, rather than on the
	 * Redis client's threads
	 */
	public HttpApi(ApiSettings settings, Broadcaster broadcaster, RoomManager rooms, PresenceStore store,
			ConnectionIndex index, ChannelCache cache, JsonMapper jsonMapper, Clock clock, Executor executor,
			ChannelHistory history) {
		this.settings = settings;
		this.executor = executor;
		this.verifier = new SignedRequestVerifier(settings.appKey(), new Signatures(settings.appSecret()),
				settings.maxTimestampSkew(), clock);
		ChannelInfo info = new ChannelInfo(store, index);
		this.events = new EventsApi(settings, broadcaster, rooms, info, jsonMapper, executor);
		this.channels = new ChannelsApi(info, cache, jsonMapper, executor);
		this.history = new HistoryApi(history, jsonMapper, executor);
	}

	/**
	 * Answers a request.
	 * @param request the request
	 * @return the answer; done already unless a store is still being asked
	 */
	public CompletableFuture<ApiResponse> handle(ApiRequest request) {
		try {
			String[] path = request.path().split("/", -1);
			if (path.length < 4 || !path[0].isEmpty() || !path[1].equals("apps")) {
				throw new ApiException(HttpStatus.NOT_FOUND, "Not found: " + request.path());
			}
			String appId = segment(path[2]);
			if (!this.settings.appId().equals(appId)) {
				throw new ApiException(HttpStatus.NOT_FOUND, "Unknown app id '" + appId + "'");
			}
			if (request.body().length > this.settings.maxRequestSize()) {
				return CompletableFuture.completedFuture(tooLarge());
			}
			CompletableFuture<String> answer = route(request, path);
			return Replies.handle(answer,
					(json, failure) -> (failure != null) ? failed(failure, request) : ApiResponse.ok(json),
					this.executor);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.completedFuture(failed(ex, request));
		}
	}

	private CompletableFuture<String> route(ApiRequest request, String[] path) {
		String method = request.method();
		if (path.length == 4 && (path[3].equals("events") || path[3].equals("batch_events"))) {
			require(POST, method);
			verify(request);
			return this.events.publish(request.body(), path[3].equals("batch_events"));
		}
		if (path.length == 6 && path[3].equals("users") && path[5].equals("terminate_connections")) {
			require(POST, method);
			verify(request);
			return this.events.terminate(segment(path[4]));
		}
		if (path.length == 4 && path[3].equals("channels")) {
			require(GET, method);
			return this.channels.channels(verify(request));
		}
		if (path.length == 5 && path[3].equals("channels")) {
			require(GET, method);
			return this.channels.channel(verify(request), segment(path[4]));
		}
		if (path.length == 6 && path[3].equals("channels") && path[5].equals("users")) {
			require(GET, method);
			verify(request);
			return this.channels.users(segment(path[4]));
		}
		if (path.length == 6 && path[3].equals("channels") && path[5].equals("history")) {
			require(GET, method);
			return this.history.history(verify(request), segment(path[4]));
		}
		throw new ApiException(HttpStatus.NOT_FOUND, "Not found: " + request.path());
	}

	private Map<String, String> verify(ApiRequest request) {
		return this.verifier.verify(request.method(), request.path(), request.rawQuery(), request.body());
	}

	// the method first, so a wrong one is a 405 whatever its signature
	private static void require(String expected, String method) {
		if (!expected.equals(method)) {
			throw new ApiException(HttpStatus.METHOD_NOT_ALLOWED, method + " is not allowed here; use " + expected);
		}
	}

	private static String segment(String encoded) {
		try {
			return UriUtils.decode(encoded, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Malformed path segment '" + encoded + "'");
		}
	}

	/**
	 * The answer to a body over the size limit, for servers that stop reading it.
	 * @return a 413
	 */
	public ApiResponse tooLarge() {
		return ApiResponse.tooLarge(this.settings.maxRequestSize());
	}

	/**
	 * The largest body a request may have.
	 * @return bytes
	 */
	public int maxRequestSize() {
		return this.settings.maxRequestSize();
	}

	// 2xx means it was done (every node will receive every event); anything less tells
	// an SDK whether to retry
	private ApiResponse failed(Throwable failure, ApiRequest request) {
		Throwable cause = Replies.cause(failure);
		if (cause instanceof ApiException rejected) {
			return ApiResponse.error(rejected.status(), rejected.getMessage());
		}
		if (cause instanceof BroadcastRefusedException || cause instanceof PresenceUnavailableException) {
			return ApiResponse.error(HttpStatus.SERVICE_UNAVAILABLE, cause.getMessage());
		}
		logger.error("Failed to answer " + request.method() + " " + request.path(), cause);
		return ApiResponse.error(HttpStatus.INTERNAL_SERVER_ERROR,
				"Internal error while answering " + request.method() + " " + request.path());
	}

}
