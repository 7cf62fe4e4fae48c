package dev.sockets.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.sockets.presence.ConnectionIndex;
import dev.sockets.presence.PresenceStore;
import dev.sockets.protocol.ChannelType;

/**
 * The {@code info} attributes of a channel the HTTP API answers with, read from the
 * stores without waiting: each query is sent at once, so a request about many channels
 * costs one pipelined round trip to a shared store.
 */
final class ChannelInfo {

	static final String USER_COUNT = "user_count";

	static final String SUBSCRIPTION_COUNT = "subscription_count";

	private final PresenceStore store;

	private final ConnectionIndex index;

	ChannelInfo(PresenceStore store, ConnectionIndex index) {
		this.store = store;
		this.index = index;
	}

	/**
	 * A channel's attributes.
	 * @param channel the channel
	 * @param info the attributes asked for; {@code user_count} only for presence channels
	 * @param knownCount the subscriber count if already known, else a negative number
	 * @return the attributes, in the order Pusher lists them
	 */
	CompletableFuture<Map<String, Object>> attributes(String channel, Set<String> info, long knownCount) {
		CompletableFuture<Integer> users = (info.contains(USER_COUNT)
				&& ChannelType.of(channel) == ChannelType.PRESENCE)
						? this.store.memberCount(channel).toCompletableFuture() : null;
		CompletableFuture<Long> subscribers = !info.contains(SUBSCRIPTION_COUNT) ? null
				: (knownCount >= 0) ? CompletableFuture.completedFuture(knownCount)
						: this.index.subscriberCount(channel).toCompletableFuture();
		CompletableFuture<?> all = CompletableFuture.allOf(
				(users != null) ? users : CompletableFuture.completedFuture(0),
				(subscribers != null) ? subscribers : CompletableFuture.completedFuture(0));
		return all.thenApply((done) -> {
			Map<String, Object> attributes = new LinkedHashMap<>();
			if (users != null) {
				attributes.put(USER_COUNT, users.join());
			}
			if (subscribers != null) {
				attributes.put(SUBSCRIPTION_COUNT, subscribers.join());
			}
			return attributes;
		});
	}

	/**
	 * The index of subscriber counts and users.
	 * @return the index
	 */
	ConnectionIndex index() {
		return this.index;
	}

	/**
	 * The members of presence channels.
	 * @return the store
	 */
	PresenceStore store() {
		return this.store;
	}

}
