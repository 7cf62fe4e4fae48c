package dev.sockets.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.sockets.protocol.ChannelName;
import dev.sockets.protocol.Events;
import dev.sockets.protocol.Frame;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;

/**
 * One event of a publish request, validated: {@code name}, string {@code data},
 * {@code channels} (1 to 100) or {@code channel}, and an optional {@code socket_id} to
 * leave out.
 *
 * @param name the event name
 * @param data the data string, delivered byte for byte
 * @param channels the channels
 * @param socketId the socket id to skip, or {@code null}
 * @param info the channel attributes asked for in the response ({@code user_count},
 * {@code subscription_count}); empty for none
 */
record PublishedEvent(String name, String data, List<String> channels, @Nullable String socketId, Set<String> info) {

	static final int MAX_CHANNELS = 100;

	private static final Set<String> INFO = Set.of("user_count", "subscription_count");

	private static final Pattern SOCKET_ID = Pattern.compile("\\d+\\.\\d+");

	/**
	 * Reads and validates one event.
	 * @param node the event object
	 * @param maxDataSize the largest {@code data} in UTF-8 bytes
	 * @return the event
	 * @throws ApiException with 400, or 413 when {@code data} is too large
	 */
	static PublishedEvent from(JsonNode node, int maxDataSize) {
		if (!node.isObject()) {
			throw badRequest("An event must be a JSON object");
		}
		String name = requireString(node, "name");
		if (name.isEmpty() || name.length() > Events.MAX_NAME_LENGTH) {
			throw badRequest("'name' must be 1 to " + Events.MAX_NAME_LENGTH + " characters long");
		}
		if (Events.isReserved(name)) {
			throw badRequest("Event names starting with 'pusher:' or 'pusher_internal:' are reserved");
		}
		String data = requireString(node, "data");
		int size = Frame.utf8Length(data);
		if (size > maxDataSize) {
			throw new ApiException(HttpStatus.CONTENT_TOO_LARGE,
					"The data content of this event exceeds the allowed maximum (" + maxDataSize + " bytes)");
		}
		return new PublishedEvent(name, data, channels(node), socketId(node), info(node));
	}

	private static Set<String> info(JsonNode node) {
		JsonNode info = node.get("info");
		if (info == null || info.isNull()) {
			return Set.of();
		}
		if (!info.isString()) {
			throw badRequest("'info' must be a comma-separated string");
		}
		Set<String> attributes = new LinkedHashSet<>();
		for (String attribute : info.stringValue().split(",")) {
			String trimmed = attribute.trim();
			if (!trimmed.isEmpty() && !INFO.contains(trimmed)) {
				throw badRequest("Unsupported info attribute '" + trimmed + "'; use user_count or subscription_count");
			}
			if (!trimmed.isEmpty()) {
				attributes.add(trimmed);
			}
		}
		return attributes;
	}

	private static List<String> channels(JsonNode node) {
		JsonNode channels = node.get("channels");
		JsonNode channel = node.get("channel");
		List<String> names = new ArrayList<>();
		if (channels != null && !channels.isNull()) {
			if (!channels.isArray()) {
				throw badRequest("'channels' must be an array of channel names");
			}
			for (JsonNode element : channels) {
				if (!element.isString()) {
					throw badRequest("'channels' must contain only strings");
				}
				names.add(element.stringValue());
			}
		}
		else if (channel != null && channel.isString()) {
			names.add(channel.stringValue());
		}
		else {
			throw badRequest("An event needs 'channels' (an array) or 'channel' (a string)");
		}
		if (names.isEmpty() || names.size() > MAX_CHANNELS) {
			throw badRequest("An event goes to 1 to " + MAX_CHANNELS + " channels, not " + names.size());
		}
		for (String name : names) {
			String problem = ChannelName.publishProblem(name);
			if (problem != null) {
				throw badRequest(problem + ": '" + name + "'");
			}
		}
		return names;
	}

	private static @Nullable String socketId(JsonNode node) {
		JsonNode socketId = node.get("socket_id");
		if (socketId == null || socketId.isNull()) {
			return null;
		}
		if (!socketId.isString() || !SOCKET_ID.matcher(socketId.stringValue()).matches()) {
			throw badRequest("'socket_id' must look like '123.456'");
		}
		return socketId.stringValue();
	}

	private static String requireString(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || !value.isString()) {
			throw badRequest("'" + field + "' is required and must be a string");
		}
		return value.stringValue();
	}

	private static ApiException badRequest(String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, message);
	}

}
