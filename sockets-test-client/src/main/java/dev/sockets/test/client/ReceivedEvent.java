package dev.sockets.test.client;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event a {@link SocketsTestClient} received.
 *
 * @param event the event name
 * @param channel its channel, or {@code null} for connection events
 * ({@code pusher:error}, say)
 * @param data its data as the application sent it (Pusher carries data as a string; an
 * object is given as its JSON), or {@code null} when it had none
 * @param userId the sender of a client event on a presence channel, or {@code null}
 */
public record ReceivedEvent(String event, @Nullable String channel, @Nullable String data, @Nullable String userId) {

	private static final JsonMapper JSON = JsonMapper.shared();

	/**
	 * The data read as JSON.
	 * @return the data's JSON tree; a missing node when the event had no data
	 * @throws tools.jackson.core.JacksonException if the data is not JSON
	 */
	public JsonNode json() {
		return (this.data != null) ? JSON.readTree(this.data) : JSON.missingNode();
	}

	/**
	 * The data read as JSON into a type.
	 * @param <T> the type
	 * @param type the type, a record for example
	 * @return the data as that type
	 * @throws tools.jackson.core.JacksonException if the data does not fit
	 */
	public <T> T data(Class<T> type) {
		if (this.data == null) {
			throw new IllegalStateException("The event " + this.event + " has no data");
		}
		return JSON.readValue(this.data, type);
	}

}
