package dev.sockets.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Internal: one webhook's destination, filters and limits.
 *
 * @param url where requests are POSTed
 * @param events the event names sent; empty for all
 * @param channelPrefix only events of channels starting with it, or {@code null} for all
 * @param batchWindow how long events gather before a request carries them
 * @param maxBatchSize the most events in one request
 * @param maxQueuedEvents the most events waiting; beyond it new ones are dropped and
 * counted
 * @param retryFor how long a request is retried with back-off before its events are
 * dropped and counted
 * @param timeout how long one request may take
 * @param removalDelay how long {@code channel_vacated} and {@code member_removed} wait,
 * cancelled (with the occupied or added event that ends the wait) when the channel or
 * member comes back meanwhile
 */
public record WebhookSettings(URI url, Set<String> events, @Nullable String channelPrefix, Duration batchWindow,
		int maxBatchSize, int maxQueuedEvents, Duration retryFor, Duration timeout, Duration removalDelay) {

	/**
	 * A short, stable key of the webhook: a digest of its URL.
	 * @return 16 hex digits
	 */
	String key() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(this.url.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	boolean accepts(WebhookEvent event) {
		return (this.events.isEmpty() || this.events.contains(event.name()))
				&& (this.channelPrefix == null || event.channel().startsWith(this.channelPrefix));
	}

}
