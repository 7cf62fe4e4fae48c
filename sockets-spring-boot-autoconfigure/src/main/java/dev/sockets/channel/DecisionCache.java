package dev.sockets.channel;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Decisions remembered per connection and channel for a while, so a client that
 * resubscribes does not run the authorizers again. Off when the time to live is zero.
 * Each connection holds at most as many entries as it may hold channels; its entries go
 * when it closes, and expired ones when they are next looked up.
 */
final class DecisionCache {

	private final long timeToLiveNanos;

	private final Map<String, Map<String, Entry>> bySocket = new ConcurrentHashMap<>();

	DecisionCache(Duration timeToLive) {
		this.timeToLiveNanos = timeToLive.toNanos();
	}

	// the connection's place is made when it asks, so a decision that arrives after it
	// was forgotten (the connection closed meanwhile) finds none and is not kept
	@Nullable AuthorizationResult get(SubscriptionRequest request) {
		if (this.timeToLiveNanos == 0) {
			return null;
		}
		Map<String, Entry> entries = this.bySocket.computeIfAbsent(request.socketId(),
				(id) -> new ConcurrentHashMap<>());
		Entry entry = entries.get(request.channel());
		if (entry == null) {
			return null;
		}
		if (System.nanoTime() - entry.storedAt() > this.timeToLiveNanos) {
			entries.remove(request.channel(), entry);
			return null;
		}
		return entry.result();
	}

	void put(SubscriptionRequest request, AuthorizationResult result) {
		Map<String, Entry> entries = this.bySocket.get(request.socketId());
		if (entries != null) {
			entries.put(request.channel(), new Entry(result, System.nanoTime()));
		}
	}

	void forget(String socketId) {
		this.bySocket.remove(socketId);
	}

	private record Entry(AuthorizationResult result, long storedAt) {

	}

}
