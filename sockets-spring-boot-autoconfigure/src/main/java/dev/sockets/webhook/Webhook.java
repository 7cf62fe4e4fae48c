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
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
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

	private final StillGone stillGone;

	private final String key;

	private final WebhookJournal journal;

	// waiting or on their way to the queue: what the bound counts
	private final AtomicInteger waiting = new AtomicInteger();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong failedAttempts = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	// the scheduler thread's alone from here on

	private final Queue<WebhookEvent> queue = new ArrayDeque<>();

	private final Map<String, ScheduledFuture<?>> delayedRemovals = new HashMap<>();

	// requests of stopped nodes this node adopted, sent before new ones
	private final Queue<Batch> adopted = new ArrayDeque<>();

	private boolean busy;

	Webhook(WebhookSettings settings, String appKey, Signatures signatures, HttpClient http,
			ScheduledExecutorService scheduler, JsonMapper jsonMapper, Clock clock, StillGone stillGone,
			WebhookJournal journal) {
		this.settings = settings;
		this.appKey = appKey;
		this.signatures = signatures;
		this.http = http;
		this.scheduler = scheduler;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
		this.stillGone = stillGone;
		this.key = settings.key();
		this.journal = journal;
	}

	/**
	 * Takes an event this webhook sends, unless too many wait already (then it is dropped
	 * and counted). Never blocks.
	 */
	void offer(WebhookEvent event) {
		boolean accepted = this.settings.accepts(event);
		if (!accepted && !isComeback(event)) {
			return;
		}
		if (accepted && this.waiting.incrementAndGet() > this.settings.maxQueuedEvents()) {
			this.waiting.decrementAndGet();
			this.dropped.incrementAndGet();
			if (!isComeback(event)) {
				return;
			}
			accepted = false;
		}
		// a comeback this webhook does not send still cancels a removal it delays
		boolean counted = accepted;
		try {
			this.scheduler.execute(() -> arrive(event, counted));
		}
		catch (RejectedExecutionException ex) {
			// stopped: the node is shutting down
			if (counted) {
				this.waiting.decrementAndGet();
			}
		}
	}

	private static boolean isComeback(WebhookEvent event) {
		return event.name().equals(WebhookEvent.CHANNEL_OCCUPIED) || event.name().equals(WebhookEvent.MEMBER_ADDED);
	}

	String key() {
		return this.key;
	}

	WebhookStatus status() {
		return new WebhookStatus(this.settings.url(), this.waiting.get(), this.sent.get(), this.failedAttempts.get(),
				this.dropped.get());
	}

	private void arrive(WebhookEvent event, boolean counted) {
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
		if (isComeback(event)) {
			ScheduledFuture<?> pending = this.delayedRemovals.remove(event.key());
			if (pending != null && pending.cancel(false)) {
				// back within the delay: neither the removal nor the return is news
				this.waiting.addAndGet(counted ? -2 : -1);
				return;
			}
		}
		if (counted) {
			enqueue(event);
		}
	}

	// the return may have come through another node: sent only if still true
	private void removalDue(WebhookEvent event) {
		this.delayedRemovals.remove(event.key());
		this.stillGone.check(event).whenComplete((gone, failure) -> this.scheduler.execute(() -> {
			if (failure != null || Boolean.TRUE.equals(gone)) {
				// a store that cannot answer: better a removal too many than one lost
				enqueue(event);
			}
			else {
				this.waiting.decrementAndGet();
			}
		}));
	}

	private void enqueue(WebhookEvent event) {
		this.queue.add(event);
		if (!this.busy) {
			this.busy = true;
			this.scheduler.schedule(this::sendBatch, this.settings.batchWindow().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Takes over a request another node kept and could not send: sent before new events,
	 * byte for byte, with the retry time it had left.
	 */
	void adopt(WebhookJournal.KeptBatch kept) {
		this.scheduler.execute(() -> {
			int size = events(kept.body());
			if (this.clock.millis() - kept.createdAt() > this.settings.retryFor().toMillis()) {
				// its node stopped long ago: its retry time is over
				this.dropped.addAndGet(size);
				this.journal.forget(kept);
				return;
			}
			this.waiting.addAndGet(size);
			this.adopted.add(new Batch(kept.body(), size, kept.createdAt(), 1, kept.id(), true));
			if (!this.busy) {
				this.busy = true;
				sendBatch();
			}
		});
	}

	private int events(byte[] body) {
		try {
			return this.jsonMapper.readTree(body).path("events").size();
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	private void sendBatch() {
		Batch next = this.adopted.poll();
		if (next != null) {
			attempt(next);
			return;
		}
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
		byte[] bytes;
		try {
			bytes = this.jsonMapper.writeValueAsBytes(body);
		}
		catch (RuntimeException ex) {
			logger.error("Dropped " + events.size() + " webhook events for " + this.settings.url()
					+ " that could not be written", ex);
			this.dropped.addAndGet(events.size());
			this.waiting.addAndGet(-events.size());
			this.scheduler.execute(this::sendBatch);
			return;
		}
		attempt(new Batch(bytes, events.size(), now, 1, UUID.randomUUID().toString(), false));
	}

	private void attempt(Batch batch) {
		try {
			send(batch);
		}
		catch (RuntimeException ex) {
			// not an answer but a request that cannot be made: no retry would help
			logger.error(
					"Dropped " + batch.size() + " webhook events: no request could be made to " + this.settings.url(),
					ex);
			this.dropped.addAndGet(batch.size());
			done(batch);
		}
	}

	private void send(Batch batch) {
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
		if (!batch.kept()) {
			// kept outside the node from now on: should it stop, another sends it
			this.journal.keep(batch.kept(this.key));
			batch = batch.keptNow();
		}
		Batch failed = batch;
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
		this.scheduler.schedule(() -> attempt(failed.again()), backOff.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void done(Batch batch) {
		if (batch.kept()) {
			this.journal.forget(batch.kept(this.key));
		}
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
	private record Batch(byte[] body, int size, long createdAt, int attempt, String id, boolean kept) {

		Batch again() {
			return new Batch(this.body, this.size, this.createdAt, this.attempt + 1, this.id, this.kept);
		}

		Batch keptNow() {
			return new Batch(this.body, this.size, this.createdAt, this.attempt, this.id, true);
		}

		WebhookJournal.KeptBatch kept(String webhook) {
			return new WebhookJournal.KeptBatch(webhook, this.id, this.createdAt, this.body);
		}

	}

}
