package dev.sockets.http;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import dev.sockets.broker.ChannelCache;
import dev.sockets.channel.PresenceMember;
import dev.sockets.protocol.ChannelName;
import dev.sockets.protocol.ChannelType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * The Pusher HTTP API's channel queries, answered from the presence stores without
 * holding the request's thread while they are asked: {@code GET /apps/{appId}/channels}
 * (occupied channels, filtered by prefix), {@code /channels/{channel}} (occupied,
 * subscription and user counts, a cache channel's last event) and
 * {@code /channels/{channel}/users} (a presence channel's members). {@link HttpApi}
 * checked the request; an attribute that does not apply to the channel is a 400, as with
 * Pusher.
 */
final class ChannelsApi {

	private static final String USER_COUNT = ChannelInfo.USER_COUNT;

	private static final String SUBSCRIPTION_COUNT = ChannelInfo.SUBSCRIPTION_COUNT;

	private static final String CACHE = "cache";

	private final ChannelInfo channels;

	private final ChannelCache cache;

	private final JsonMapper jsonMapper;

	private final Executor executor;

	ChannelsApi(ChannelInfo channels, ChannelCache cache, JsonMapper jsonMapper, Executor executor) {
		this.channels = channels;
		this.cache = cache;
		this.jsonMapper = jsonMapper;
		this.executor = executor;
	}

	CompletableFuture<String> channels(Map<String, String> params) {
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
			return Replies.apply(CompletableFuture.allOf(attributes.values().toArray(CompletableFuture[]::new)),
					(done) -> {
						Map<String, Object> channels = new LinkedHashMap<>();
						attributes.forEach((channel, answer) -> channels.put(channel, answer.join()));
						return this.jsonMapper.writeValueAsString(Map.of("channels", channels));
					}, this.executor);
		});
	}

	CompletableFuture<String> channel(Map<String, String> params, String channel) {
		requireValid(channel);
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
			return this.jsonMapper.writeValueAsString(answer);
		}, this.executor);
	}

	CompletableFuture<String> users(String channel) {
		requireValid(channel);
		if (ChannelType.of(channel) != ChannelType.PRESENCE) {
			throw badRequest("Users are only listed for presence channels; " + channel + " is not one");
		}
		return this.channels.store()
			.members(channel)
			.toCompletableFuture()
			.thenApply((members) -> this.jsonMapper.writeValueAsString(Map.of("users",
					members.stream().map(PresenceMember::userId).map((id) -> Map.of("id", id)).toList())));
	}

	private static void requireValid(String channel) {
		String problem = ChannelName.problem(channel);
		if (problem != null) {
			throw badRequest(problem);
		}
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

}
