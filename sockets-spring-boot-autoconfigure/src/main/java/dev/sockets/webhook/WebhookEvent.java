package dev.sockets.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Internal: one event of a webhook request, as Pusher names it: {@code channel_occupied},
 * {@code channel_vacated}, {@code member_added}, {@code member_removed},
 * {@code client_event}, {@code cache_miss} or {@code subscription_count}.
 *
 * @param name the event's name
 * @param channel its channel
 * @param userId the member's user id ({@code member_*}, and {@code client_event} on
 * presence channels), or {@code null}
 * @param fields any other fields, in the order they are written
 */
public record WebhookEvent(String name, String channel, @Nullable String userId, Map<String, Object> fields) {

	static final String CHANNEL_OCCUPIED = "channel_occupied";

	static final String CHANNEL_VACATED = "channel_vacated";

	static final String MEMBER_ADDED = "member_added";

	static final String MEMBER_REMOVED = "member_removed";

	static final String CLIENT_EVENT = "client_event";

	static final String CACHE_MISS = "cache_miss";

	static final String SUBSCRIPTION_COUNT = "subscription_count";

	/**
	 * A channel event.
	 * @param name the event's name
	 * @param channel its channel
	 * @return the event
	 */
	public static WebhookEvent of(String name, String channel) {
		return new WebhookEvent(name, channel, null, Map.of());
	}

	/**
	 * A member event.
	 * @param name {@code member_added} or {@code member_removed}
	 * @param channel the presence channel
	 * @param userId the member's user id
	 * @return the event
	 */
	public static WebhookEvent member(String name, String channel, String userId) {
		return new WebhookEvent(name, channel, userId, Map.of());
	}

	/**
	 * The event as it is written: name, channel, the other fields, then the user id.
	 * @return the JSON object's fields
	 */
	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("name", this.name);
		json.put("channel", this.channel);
		json.putAll(this.fields);
		if (this.userId != null) {
			json.put("user_id", this.userId);
		}
		return json;
	}

	// what a later event cancels while this one waits: the channel, or the channel's
	// member
	String key() {
		return (this.userId != null) ? this.channel + "\n" + this.userId : this.channel;
	}

}
