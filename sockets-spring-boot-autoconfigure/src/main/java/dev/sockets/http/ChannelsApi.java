package dev.sockets.http;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import dev.sockets.broker.ChannelCache;
import dev.sockets.channel.PresenceMember;
import dev.sockets.presence.ConnectionIndex;
import dev.sockets.presence.PresenceStore;
import dev.sockets.presence.PresenceUnavailableException;
import dev.sockets.protocol.ChannelName;
import dev.sockets.protocol.ChannelType;
import dev.sockets.protocol.Signatures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Internal: the Pusher HTTP API's channel queries, answered from the presence stores
 * without holding the request's thread while they are asked: {@code GET
 * /apps/{appId}/channels} (occupied channels, filtered by prefix),
 * {@code /channels/{channel}} (occupied, subscription and user counts, a cache channel's
 * last event) and {@code /channels/{channel}/users} (a presence channel's members).
 * Requests are signed like the publish API's; an attribute that does not apply to the
 * channel is a 400, as with Pusher.
 */
public final class ChannelsApi {

	private static final Log logger = LogFactory.getLog(ChannelsApi.class);

	private static final String USER_COUNT = ChannelInfo.USER_COUNT;

	private static final String SUBSCRIPTION_COUNT = ChannelInfo.SUBSCRIPTION_COUNT;

	private static final String CACHE = "cache";

	private final ApiSettings settings;

	private final ChannelInfo channels;

	private final ChannelCache cache;

	private final JsonMapper jsonMapper;

	private final SignedRequestVerifier verifier;

	private final Executor executor;

	/**
	 * Creates the API.
	 * @param settings the app's credentials
	 * @param store the members of presence channels
	 * @param index subscriber counts
	 * @param cache the last events of cache channels
	 * @param jsonMapper writes the answers
	 * @param clock the clock timestamps are checked against
	 * @param executor where answers are written once the stores replied, rather than on
	 * the Redis client's threads
	 */
	public ChannelsApi(ApiSettings settings, PresenceStore store, ConnectionIndex index, ChannelCache cache,
			JsonMapper jsonMapper, Clock clock, Executor executor) {
		this.executor = executor;
		this.settings = settings;
		this.channels = new ChannelInfo(store, index);
		this.cache = cache;
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
			.GET("/apps/{appId}/channels", (request) -> handle(request, this::channels))
			.GET("/apps/{appId}/channels/{channel}", (request) -> handle(request, this::channel))
			.GET("/apps/{appId}/channels/{channel}/users", (request) -> handle(request, this::users))
			.build();
	}

	private ServerResponse handle(ServerRequest request, Query query) {
		try {
			if (!this.settings.appId().equals(request.pathVariable("appId"))) {
				throw new ApiException(HttpStatus.NOT_FOUND, "Unknown app id '" + request.pathVariable("appId") + "'");
			}
			Map<String, String> params = this.verifier.verify(request.method().name(),
					request.requestPath().pathWithinApplication().value(), request.servletRequest().getQueryString(),
					new byte[0]);
			return Replies.answer(Replies.handle(query.answer(request, params),
					(answer, failure) -> (failure != null) ? failed(failure)
							: ServerResponse.ok()
								.contentType(MediaType.APPLICATION_JSON)
								.body(this.jsonMapper.writeValueAsString(answer)),
					this.executor));
		}
		catch (ApiException ex) {
			return error(ex.status(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			return failed(ex);
		}
	}

	private ServerResponse failed(Throwable failure) {
		Throwable cause = Replies.cause(failure);
		if (cause instanceof PresenceUnavailableException) {
			return error(HttpStatus.SERVICE_UNAVAILABLE, cause.getMessage());
		}
		logger.error("Failed to answer a channel query", cause);
		return error(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
	}

	private ServerResponse error(HttpStatus status, String message) {
		return Replies.error(this.jsonMapper, status, message);
	}

	private CompletableFuture<Object> channels(ServerRequest request, Map<String, String> params) {
		String prefix = params.getOrDefault("filter_by_prefix", "");
		Set<String> info = info(params, Set.of(USER_COUNT, SUBSCRIPTION_COUNT));
		if (info.contains(USER_COUNT) && !prefix.startsWith("presence-")) {
			throw badRequest("info=user_count needs filter_by_prefix=presence-");
		}
		return this.channels.index().occupiedChannels(prefix).toCompletableFuture().thenCompose((occupied) -> {
			// every channel's attributes asked at once: one pipelined round trip
			Map<String, CompletableFuture<Map<String, Object>>> attributes = new LinkedHashMap<>();
			occupied
				.forEach((channel, count) -> attributes.put(channel, this.channels.attributes(channel, info, count)));
			return CompletableFuture.allOf(attributes.values().toArray(CompletableFuture[]::new)).thenApply((done) -> {
				Map<String, Object> channels = new LinkedHashMap<>();
				attributes.forEach((channel, answer) -> channels.put(channel, answer.join()));
				return Map.of("channels", channels);
			});
		});
	}

	private CompletableFuture<Object> channel(ServerRequest request, Map<String, String> params) {
		String channel = channelName(request);
		boolean presence = ChannelType.of(channel) == ChannelType.PRESENCE;
		Set<String> info = info(params, Set.of(USER_COUNT, SUBSCRIPTION_COUNT, CACHE));
		if (info.contains(USER_COUNT) && !presence) {
			throw badRequest("info=user_count is only available for presence channels");
		}
		if (info.contains(CACHE) && !ChannelName.isCache(channel)) {
			throw badRequest("info=cache is only available for cache channels");
		}
		CompletableFuture<Long> subscribers = this.channels.index().subscriberCount(channel).toCompletableFuture();
		CompletableFuture<Integer> users = info.contains(USER_COUNT)
				? this.channels.store().memberCount(channel).toCompletableFuture()
				: CompletableFuture.completedFuture(0);
		CompletableFuture<ChannelCache.@Nullable CachedEvent> cached = info.contains(CACHE)
				? this.cache.get(channel).toCompletableFuture() : CompletableFuture.completedFuture(null);
		return Replies.apply(CompletableFuture.allOf(subscribers, users, cached), (done) -> {
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("occupied", subscribers.join() > 0);
			if (info.contains(USER_COUNT)) {
				answer.put(USER_COUNT, users.join());
			}
			if (info.contains(SUBSCRIPTION_COUNT)) {
				answer.put(SUBSCRIPTION_COUNT, subscribers.join());
			}
			ChannelCache.CachedEvent event = cached.join();
			if (event != null) {
				// "data" as it was published; the ttl in whole seconds, rounded up
				String data = this.jsonMapper.readTree(event.frame()).path("data").asString();
				long ttl = (event.timeToLive().toMillis() + 999) / 1000;
				Map<String, Object> cache = new LinkedHashMap<>();
				cache.put("data", data);
				cache.put("ttl", ttl);
				answer.put(CACHE, cache);
			}
			return answer;
		}, this.executor);
	}

	private CompletableFuture<Object> users(ServerRequest request, Map<String, String> params) {
		String channel = channelName(request);
		if (ChannelType.of(channel) != ChannelType.PRESENCE) {
			throw badRequest("Users are only listed for presence channels; " + channel + " is not one");
		}
		return this.channels.store()
			.members(channel)
			.toCompletableFuture()
			.thenApply((members) -> Map.of("users",
					members.stream().map(PresenceMember::userId).map((id) -> Map.of("id", id)).toList()));
	}

	private static String channelName(ServerRequest request) {
		String channel = request.pathVariable("channel");
		String problem = ChannelName.problem(channel);
		if (problem != null) {
			throw badRequest(problem);
		}
		return channel;
	}

	private static Set<String> info(Map<String, String> params, Set<String> supported) {
		String info = params.get("info");
		if (info == null || info.isBlank()) {
			return Set.of();
		}
		Set<String> attributes = Arrays.stream(info.split(",")).map(String::trim).collect(Collectors.toSet());
		for (String attribute : attributes) {
			if (!supported.contains(attribute)) {
				throw badRequest(
						"Unsupported info attribute '" + attribute + "'; use " + String.join(" or ", supported));
			}
		}
		return attributes;
	}

	private static ApiException badRequest(String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, message);
	}

	@FunctionalInterface
	private interface Query {

		CompletableFuture<Object> answer(ServerRequest request, Map<String, String> params);

	}

}
