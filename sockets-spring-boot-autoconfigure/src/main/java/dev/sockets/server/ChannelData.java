package dev.sockets.server;

import dev.sockets.channel.PresenceMember;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the member out of a presence subscription's signed {@code channel_data}:
 * {@code {"user_id":"42","user_info":{…}}}. A numeric {@code user_id}, as Laravel sends,
 * is accepted and compared as a string; {@code user_info} may be any JSON value.
 */
final class ChannelData {

	static final int MAX_USER_ID_LENGTH = 128;

	private ChannelData() {
	}

	/**
	 * The member described by channel data.
	 * @param channelData the exact string that was signed
	 * @param jsonMapper reads it
	 * @return the member
	 * @throws IllegalArgumentException saying what is wrong with it
	 */
	static PresenceMember member(String channelData, JsonMapper jsonMapper) {
		JsonNode root;
		try {
			root = jsonMapper.readTree(channelData);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("channel_data is not valid JSON");
		}
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException("channel_data must be a JSON object");
		}
		JsonNode id = root.get("user_id");
		String userId = (id == null) ? null
				: id.isString() ? id.stringValue() : id.isIntegralNumber() ? id.asString() : null;
		if (userId == null || userId.isEmpty() || userId.length() > MAX_USER_ID_LENGTH) {
			throw new IllegalArgumentException("channel_data needs a 'user_id': a string of 1 to " + MAX_USER_ID_LENGTH
					+ " characters, or an integer");
		}
		JsonNode info = root.get("user_info");
		Object userInfo = (info == null || info.isNull()) ? null : jsonMapper.treeToValue(info, Object.class);
		return new PresenceMember(userId, userInfo);
	}

}
