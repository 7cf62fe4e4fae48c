package dev.sockets.webhook;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.sockets.protocol.Signatures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One webhook: its events wait in a bounded queue, go out in batches, one request at a
 * time and in order, and a request that fails is retried with exponential back-off. Its
 * state belongs to the one scheduler thread every step runs on, so it takes no lock;
 * events arrive from any thread through {@link #offer}.
 */
final class Webhook {

	private static final Log logger = LogFactory.getLog(Webhook.class);

	private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

	private static final Duration LONGEST_RETRY = Duration.ofMinutes(1);

	private final WebhookSettings settings;

	private final String appKey;

	private final Signatures signatures;

	private final HttpClient http;

	private final ScheduledExecutorService scheduler;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	// waiting or on their way to the queue: what the bound counts
	private final AtomicInteger waiting = new AtomicInteger();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong failedAttempts = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	// the scheduler thread's alone from here on

	private final Queue<WebhookEvent> queue = new ArrayDeque<>();

	private final Map<String, ScheduledFuture<?>> delayedRemovals = new HashMap<>();

	private boolean busy;

	Webhook(WebhookSettings settings, String appKey, Signatures signatures, HttpClient http,
			ScheduledExecutorService scheduler, JsonMapper jsonMapper, Clock clock) {
		this.settings = settings;
		this.appKey = appKey;
		this.signatures = signatures;
		this.http = http;
		this.scheduler = scheduler;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
	}

	/**
	 * Takes an event this webhook sends, unless too many wait already (then it is dropped
	 * and counted). Never blocks.
	 */
	void offer(WebhookEvent event) {
		if (!this.settings.accepts(event)) {
			return;
		}
		if (this.waiting.incrementAndGet() > this.settings.maxQueuedEvents()) {
			this.waiting.decrementAndGet();
			this.dropped.incrementAndGet();
			return;
		}
		this.scheduler.execute(() -> arrive(event));
	}

	WebhookStatus status() {
		return new WebhookStatus(this.settings.url(), this.waiting.get(), this.sent.get(), this.failedAttempts.get(),
				this.dropped.get());
	}

	private void arrive(WebhookEvent event) {
		boolean removal = event.name().equals(WebhookEvent.CHANNEL_VACATED)
				|| event.name().equals(WebhookEvent.MEMBER_REMOVED);
		if (removal && !this.settings.removalDelay().isZero()) {
			ScheduledFuture<?> previous = this.delayedRemovals.put(event.key(), this.scheduler
				.schedule(() -> removalDue(event), this.settings.removalDelay().toMillis(), TimeUnit.MILLISECONDS));
			if (previous != null && previous.cancel(false)) {
				this.waiting.decrementAndGet();
			}
			return;
		}
		boolean comeback = event.name().equals(WebhookEvent.CHANNEL_OCCUPIED)
				|| event.name().equals(WebhookEvent.MEMBER_ADDED);
		if (comeback) {
			ScheduledFuture<?> pending = this.delayedRemovals.remove(event.key());
			if (pending != null && pending.cancel(false)) {
				// back within the delay: neither the removal nor the return is news
				this.waiting.addAndGet(-2);
				return;
			}
		}
		enqueue(event);
	}

	private void removalDue(WebhookEvent event) {
		this.delayedRemovals.remove(event.key());
		enqueue(event);
	}

	private void enqueue(WebhookEvent event) {
		this.queue.add(event);
		if (!this.busy) {
			this.busy = true;
			this.scheduler.schedule(this::sendBatch, this.settings.batchWindow().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void sendBatch() {
		List<Map<String, Object>> events = new ArrayList<>();
		while (!this.queue.isEmpty() && events.size() < this.settings.maxBatchSize()) {
			events.add(this.queue.poll().json());
		}
		if (events.isEmpty()) {
			this.busy = false;
			return;
		}
		long now = this.clock.millis();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("time_ms", now);
		body.put("events", events);
		attempt(new Batch(this.jsonMapper.writeValueAsBytes(body), events.size(), now, 1));
	}

	private void attempt(Batch batch) {
		HttpRequest request = HttpRequest.newBuilder(this.settings.url())
			.timeout(this.settings.timeout())
			.header("Content-Type", "application/json")
			.header("X-Pusher-Key", this.appKey)
			.header("X-Pusher-Signature", this.signatures.sign(batch.body()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(batch.body()))
			.build();
		this.http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
			.whenComplete((response, failure) -> this.scheduler
				.execute(() -> answered(batch, (failure == null) ? response.statusCode() : -1, failure)));
	}

	private void answered(Batch batch, int status, @Nullable Throwable failure) {
		if (status >= 200 && status < 300) {
			this.sent.addAndGet(batch.size());
			done(batch);
			return;
		}
		this.failedAttempts.incrementAndGet();
		Duration backOff = backOff(batch.attempt());
		if (this.clock.millis() + backOff.toMillis() - batch.createdAt() > this.settings.retryFor().toMillis()) {
			logger.warn("Dropped " + batch.size() + " webhook events for " + this.settings.url() + " after "
					+ batch.attempt() + " attempts (last: " + ((failure != null) ? failure : "HTTP " + status) + ")");
			this.dropped.addAndGet(batch.size());
			done(batch);
			return;
		}
		logger.debug("Webhook request to " + this.settings.url() + " failed ("
				+ ((failure != null) ? failure : "HTTP " + status) + "); retrying in " + backOff);
		this.scheduler.schedule(() -> attempt(batch.again()), backOff.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void done(Batch batch) {
		this.waiting.addAndGet(-batch.size());
		// the next batch waits no window: its events have waited already
		this.scheduler.execute(this::sendBatch);
	}

	private static Duration backOff(int attempt) {
		Duration backOff = FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 16));
		return (backOff.compareTo(LONGEST_RETRY) > 0) ? LONGEST_RETRY : backOff;
	}

	/**
	 * A request's body, sent again byte for byte on every attempt, so its signature
	 * holds.
	 */
	private record Batch(byte[] body, int size, long createdAt, int attempt) {

		Batch again() {
			return new Batch(this.body, this.size, this.createdAt, this.attempt + 1);
		}

	}

}
