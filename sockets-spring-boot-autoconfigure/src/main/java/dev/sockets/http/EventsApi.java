package dev.sockets.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.sockets.broker.Broadcaster;
import dev.sockets.presence.RoomManager;
import dev.sockets.protocol.ChannelName;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * The Pusher HTTP publish API's work, once {@link HttpApi} checked the request: publish
 * events and batches (a batch is validated whole before any of it is published) and
 * terminate a user's connections.
 */
final class EventsApi {

	private static final Log logger = LogFactory.getLog(EventsApi.class);

	static final int MAX_BATCH = 10;

	private final ApiSettings settings;

	private final Broadcaster broadcaster;

	private final RoomManager rooms;

	private final ChannelInfo channels;

	private final JsonMapper jsonMapper;

	private final Executor executor;

	EventsApi(ApiSettings settings, Broadcaster broadcaster, RoomManager rooms, ChannelInfo channels,
			JsonMapper jsonMapper, Executor executor) {
		this.settings = settings;
		this.broadcaster = broadcaster;
		this.rooms = rooms;
		this.channels = channels;
		this.jsonMapper = jsonMapper;
		this.executor = executor;
	}

	// closes every connection of the user, on every node, with 4009
	CompletableFuture<String> terminate(String userId) {
		if (userId.isEmpty() || userId.length() > ChannelName.MAX_LENGTH) {
			throw new ApiException(HttpStatus.BAD_REQUEST,
					"A user id is 1 to " + ChannelName.MAX_LENGTH + " characters long");
		}
		this.rooms.disconnect(userId);
		return CompletableFuture.completedFuture("{}");
	}

	// answered once every event is published (on every node, with Redis)
	CompletableFuture<String> publish(byte[] body, boolean batch) {
		List<PublishedEvent> events = parse(body, batch);
		CompletableFuture<?>[] published = new CompletableFuture<?>[events.size()];
		for (int i = 0; i < published.length; i++) {
			PublishedEvent event = events.get(i);
			published[i] = this.broadcaster.to(event.channels())
				.except(event.socketId())
				.emitRaw(event.name(), event.data());
		}
		// the attributes are asked alongside the publications, without waiting
		return CompletableFuture.allOf(published).thenCombine(answer(events, batch), (done, json) -> json);
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

}
