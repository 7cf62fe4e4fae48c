package dev.sockets.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The Redis channels this node needs and the ones Redis has confirmed, reconciled rather
 * than tracked call by call: whatever is wanted and not confirmed is subscribed again,
 * whatever is confirmed and no longer wanted is dropped. A subscription that failed, was
 * lost with its connection, or was never answered is therefore retried on the next round,
 * never forgotten. Thread-safe: channels are wanted and dropped from any thread, Redis
 * confirms on its client's threads, and one thread plans the rounds.
 */
final class RedisSubscriptions {

	private static final int MAX_PER_COMMAND = 1000;

	private static final long UNANSWERED_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final Map<String, CompletableFuture<Void>> wanted = new ConcurrentHashMap<>();

	private final Set<String> confirmed = ConcurrentHashMap.newKeySet();

	// confirmed before a loss: perhaps still subscribed, so dropped if no longer wanted
	private final Set<String> suspect = ConcurrentHashMap.newKeySet();

	// commands sent and not answered yet, so a round does not repeat them; subscribes by
	// when they were sent
	private final Map<String, Long> subscribing = new ConcurrentHashMap<>();

	private final Set<String> unsubscribing = ConcurrentHashMap.newKeySet();

	/**
	 * This node needs a channel.
	 * @param channel the Redis channel
	 * @return completes when Redis confirms the subscription
	 */
	CompletableFuture<Void> want(String channel) {
		CompletableFuture<Void> listening = new CompletableFuture<>();
		CompletableFuture<Void> previous = this.wanted.put(channel, listening);
		if (previous != null) {
			previous.complete(null);
		}
		// after the put, so a confirmation racing with it is seen by one side or the
		// other
		if (this.confirmed.contains(channel) && !this.unsubscribing.contains(channel)) {
			listening.complete(null);
		}
		return listening;
	}

	/**
	 * This node no longer needs a channel.
	 * @param channel the Redis channel
	 */
	void drop(String channel) {
		CompletableFuture<Void> listening = this.wanted.remove(channel);
		if (listening != null) {
			// nobody waits for a channel nobody needs
			listening.complete(null);
		}
	}

	/**
	 * When this node hears a channel.
	 * @param channel the Redis channel
	 * @return the pending confirmation, or {@code null} when the channel is not wanted
	 */
	@Nullable CompletableFuture<Void> listening(String channel) {
		return this.wanted.get(channel);
	}

	synchronized void confirmed(String channel) {
		this.confirmed.add(channel);
		this.suspect.remove(channel);
		CompletableFuture<Void> listening = this.wanted.get(channel);
		if (listening != null) {
			listening.complete(null);
		}
	}

	synchronized void unconfirmed(String channel) {
		this.confirmed.remove(channel);
		this.suspect.remove(channel);
	}

	/**
	 * The subscribing connection was lost, or the node stopped hearing itself: nothing
	 * counts as confirmed until Redis says so again, and nothing is waited for. What was
	 * confirmed may still be subscribed, so it is still dropped when no longer wanted.
	 */
	synchronized void lost() {
		this.suspect.addAll(this.confirmed);
		this.confirmed.clear();
		this.subscribing.clear();
		this.unsubscribing.clear();
		// a subscriber arriving now waits for Redis to confirm again
		this.wanted.replaceAll((channel, listening) -> listening.isDone() ? new CompletableFuture<>() : listening);
	}

	boolean isConfirmed(String channel) {
		return this.confirmed.contains(channel);
	}

	int wantedCount() {
		return this.wanted.size();
	}

	int confirmedCount() {
		return this.confirmed.size();
	}

	/**
	 * The channels to subscribe now, in commands of at most a thousand, marked as being
	 * subscribed.
	 * @return the batches
	 */
	List<List<String>> toSubscribe() {
		long now = System.nanoTime();
		// a command never answered (its connection lost without a word) is sent again
		this.subscribing.values().removeIf((sentAt) -> now - sentAt > UNANSWERED_NANOS);
		List<List<String>> batches = new ArrayList<>();
		List<String> batch = new ArrayList<>();
		for (String channel : this.wanted.keySet()) {
			if (!this.confirmed.contains(channel) && this.subscribing.putIfAbsent(channel, now) == null) {
				batch = add(batches, batch, channel);
			}
		}
		return close(batches, batch);
	}

	/**
	 * The channels to unsubscribe now, marked as being unsubscribed.
	 * @return the batches
	 */
	List<List<String>> toUnsubscribe() {
		List<List<String>> batches = new ArrayList<>();
		List<String> batch = new ArrayList<>();
		for (Set<String> held : List.of(this.confirmed, this.suspect)) {
			for (String channel : held) {
				// marked first, then checked again, so a channel wanted meanwhile is
				// either
				// kept or seen by want() as being unsubscribed
				if (!this.wanted.containsKey(channel) && this.unsubscribing.add(channel)) {
					if (this.wanted.containsKey(channel)) {
						this.unsubscribing.remove(channel);
					}
					else {
						batch = add(batches, batch, channel);
					}
				}
			}
		}
		return close(batches, batch);
	}

	/**
	 * Redis answered a subscribe command, or it failed: the next round may send it again
	 * if Redis did not confirm.
	 * @param channels the command's channels
	 */
	void subscribeAnswered(List<String> channels) {
		channels.forEach(this.subscribing::remove);
	}

	void unsubscribeAnswered(List<String> channels) {
		channels.forEach(this.unsubscribing::remove);
	}

	private static List<String> add(List<List<String>> batches, List<String> batch, String channel) {
		batch.add(channel);
		if (batch.size() < MAX_PER_COMMAND) {
			return batch;
		}
		batches.add(batch);
		return new ArrayList<>();
	}

	private static List<List<String>> close(List<List<String>> batches, List<String> batch) {
		if (!batch.isEmpty()) {
			batches.add(batch);
		}
		return batches;
	}

}
