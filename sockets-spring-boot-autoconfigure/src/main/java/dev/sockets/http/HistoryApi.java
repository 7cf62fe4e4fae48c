package dev.sockets.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.sockets.broker.ChannelHistory;
import dev.sockets.broker.StreamPosition;
import dev.sockets.protocol.ChannelName;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * Our extension of the Pusher HTTP API: {@code GET
 * /apps/{appId}/channels/{channel}/history} answers a channel's newest events, oldest
 * first, with their positions and the channel's, read from its history without holding
 * the request's thread. {@code limit} (default 100) caps the events; a channel without
 * history is a 404.
 */
final class HistoryApi {

	private static final int DEFAULT_LIMIT = 100;

	private final ChannelHistory history;

	private final JsonMapper jsonMapper;

	private final Executor executor;

	HistoryApi(ChannelHistory history, JsonMapper jsonMapper, Executor executor) {
		this.history = history;
		this.jsonMapper = jsonMapper;
		this.executor = executor;
	}

	CompletableFuture<String> history(Map<String, String> params, String channel) {
		String problem = ChannelName.problem(channel);
		if (problem != null) {
			throw new ApiException(HttpStatus.BAD_REQUEST, problem);
		}
		if (!this.history.keepsHistory(channel)) {
			throw new ApiException(HttpStatus.NOT_FOUND, "Channel " + channel
					+ " keeps no history: no namespace with a history.size in sockets.namespaces matches it");
		}
		int limit = limit(params.get("limit"));
		// written off the thread the read completed on, which may be the broker's
		return Replies.apply(this.history.recent(channel, limit), (recent) -> {
			List<Map<String, Object>> events = new ArrayList<>(recent.events().size());
			for (ChannelHistory.Event event : recent.events()) {
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("event", event.name());
				json.put("data", event.data());
				json.put("position", position(event.position()));
				events.add(json);
			}
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("position", position(recent.position()));
			answer.put("events", events);
			return this.jsonMapper.writeValueAsString(answer);
		}, this.executor);
	}

	private static int limit(@org.jspecify.annotations.Nullable String limit) {
		if (limit == null || limit.isEmpty()) {
			return DEFAULT_LIMIT;
		}
		try {
			int value = Integer.parseInt(limit);
			if (value >= 1) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new ApiException(HttpStatus.BAD_REQUEST,
				"limit must be a whole number of 1 or more, not '" + limit + "'");
	}

	private static Map<String, Object> position(StreamPosition position) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("epoch", position.epoch());
		json.put("offset", position.offset());
		return json;
	}

}
