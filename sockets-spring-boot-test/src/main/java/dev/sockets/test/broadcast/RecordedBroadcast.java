package dev.sockets.test.broadcast;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event a {@link RecordingBroadcaster} recorded, one per channel of a broadcast.
 *
 * @param channel the channel ({@code #server-to-user-<id>} for {@code toUser})
 * @param event the event name
 * @param data the data string, as subscribers receive it
 * @param exceptSocketId the socket id left out ({@code except}), or {@code null}
 */
public record RecordedBroadcast(String channel, String event, String data, @Nullable String exceptSocketId) {

	private static final JsonMapper JSON = JsonMapper.shared();

	/**
	 * The data read as JSON.
	 * @return its JSON tree
	 * @throws tools.jackson.core.JacksonException if the data is not JSON
	 */
	public JsonNode json() {
		return JSON.readTree(this.data);
	}

	/**
	 * The data read as JSON into a type.
	 * @param <T> the type
	 * @param type a record, say
	 * @return the data as that type
	 * @throws tools.jackson.core.JacksonException if the data does not fit
	 */
	public <T> T data(Class<T> type) {
		return JSON.readValue(this.data, type);
	}

}
