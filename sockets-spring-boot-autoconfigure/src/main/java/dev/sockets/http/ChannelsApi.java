package dev.sockets.http;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.sockets.broker.ChannelCache;
import dev.sockets.channel.PresenceMember;
import dev.sockets.presence.RoomManager;
import dev.sockets.protocol.ChannelName;
import dev.sockets.protocol.ChannelType;
import dev.sockets.protocol.Signatures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Internal: the Pusher HTTP API's channel queries, answered from the {@link RoomManager}:
 * {@code GET /apps/{appId}/channels} (occupied channels, filtered by prefix),
 * {@code /channels/{channel}} (occupied, subscription and user counts, a cache channel's
 * last event) and {@code /channels/{channel}/users} (a presence channel's members).
 * Requests are signed like the publish API's; an attribute that does not apply to the
 * channel is a 400, as with Pusher.
 */
public final class ChannelsApi {

	private static final Log logger = LogFactory.getLog(ChannelsApi.class);

	private static final String USER_COUNT = "user_count";

	private static final String SUBSCRIPTION_COUNT = "subscription_count";

	private static final String CACHE = "cache";

	private final ApiSettings settings;

	private final RoomManager rooms;

	private final ChannelCache cache;

	private final JsonMapper jsonMapper;

	private final SignedRequestVerifier verifier;

	/**
	 * Creates the API.
	 * @param settings the app's credentials
	 * @param rooms answers the queries
	 * @param cache the last events of cache channels
	 * @param jsonMapper writes the answers
	 * @param clock the clock timestamps are checked against
	 */
	public ChannelsApi(ApiSettings settings, RoomManager rooms, ChannelCache cache, JsonMapper jsonMapper,
			Clock clock) {
		this.settings = settings;
		this.rooms = rooms;
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
			Object answer = query.answer(request, params);
			return ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.body(this.jsonMapper.writeValueAsString(answer));
		}
		catch (ApiException ex) {
			return ServerResponse.status(ex.status())
				.contentType(MediaType.APPLICATION_JSON)
				.body(this.jsonMapper.writeValueAsString(Map.of("error", ex.getMessage())));
		}
		catch (RuntimeException ex) {
			logger.error("Failed to answer a channel query", ex);
			return ServerResponse.status(HttpStatus.INTERNAL_SERVER_ERROR)
				.contentType(MediaType.APPLICATION_JSON)
				.body(this.jsonMapper.writeValueAsString(Map.of("error", "Internal error")));
		}
	}

	private Object channels(ServerRequest request, Map<String, String> params) {
		String prefix = params.getOrDefault("filter_by_prefix", "");
		Set<String> info = info(params, Set.of(USER_COUNT, SUBSCRIPTION_COUNT));
		if (info.contains(USER_COUNT) && !prefix.startsWith("presence-")) {
			throw badRequest("info=user_count needs filter_by_prefix=presence-");
		}
		Map<String, Object> channels = new LinkedHashMap<>();
		this.rooms.occupiedChannels(prefix).forEach((channel, count) -> {
			Map<String, Object> attributes = new LinkedHashMap<>();
			if (info.contains(USER_COUNT)) {
				attributes.put(USER_COUNT, this.rooms.members(channel).size());
			}
			if (info.contains(SUBSCRIPTION_COUNT)) {
				attributes.put(SUBSCRIPTION_COUNT, count);
			}
			channels.put(channel, attributes);
		});
		return Map.of("channels", channels);
	}

	private Object channel(ServerRequest request, Map<String, String> params) {
		String channel = channelName(request);
		boolean presence = ChannelType.of(channel) == ChannelType.PRESENCE;
		Set<String> info = info(params, Set.of(USER_COUNT, SUBSCRIPTION_COUNT, CACHE));
		if (info.contains(USER_COUNT) && !presence) {
			throw badRequest("info=user_count is only available for presence channels");
		}
		if (info.contains(CACHE) && !ChannelName.isCache(channel)) {
			throw badRequest("info=cache is only available for cache channels");
		}
		long subscribers = this.rooms.subscriberCount(channel);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("occupied", subscribers > 0);
		if (info.contains(USER_COUNT)) {
			answer.put(USER_COUNT, this.rooms.members(channel).size());
		}
		if (info.contains(SUBSCRIPTION_COUNT)) {
			answer.put(SUBSCRIPTION_COUNT, subscribers);
		}
		ChannelCache.CachedEvent cached = info.contains(CACHE) ? this.cache.get(channel) : null;
		if (cached != null) {
			// "data" as it was published; the ttl in whole seconds, rounded up
			String data = this.jsonMapper.readTree(cached.frame()).path("data").asString();
			long ttl = (cached.timeToLive().toMillis() + 999) / 1000;
			Map<String, Object> cache = new LinkedHashMap<>();
			cache.put("data", data);
			cache.put("ttl", ttl);
			answer.put(CACHE, cache);
		}
		return answer;
	}

	private Object users(ServerRequest request, Map<String, String> params) {
		String channel = channelName(request);
		if (ChannelType.of(channel) != ChannelType.PRESENCE) {
			throw badRequest("Users are only listed for presence channels; " + channel + " is not one");
		}
		List<Map<String, String>> users = this.rooms.members(channel)
			.stream()
			.map(PresenceMember::userId)
			.map((id) -> Map.of("id", id))
			.toList();
		return Map.of("users", users);
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

		Object answer(ServerRequest request, Map<String, String> params);

	}

}
