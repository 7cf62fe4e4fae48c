package dev.sockets.webhook;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.sockets.channel.CacheMissEvent;
import dev.sockets.channel.ChannelOccupiedEvent;
import dev.sockets.channel.ChannelVacatedEvent;
import dev.sockets.channel.ClientEventRelayedEvent;
import dev.sockets.channel.SubscriptionCountEvent;
import dev.sockets.connection.ThreadPools;
import dev.sockets.presence.MemberAddedEvent;
import dev.sockets.presence.MemberRemovedEvent;
import dev.sockets.protocol.ChannelName;
import dev.sockets.protocol.Signatures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * Internal: the application's webhooks: each channel and member event of the cluster goes
 * to every webhook that wants it. The events come once per cluster, from the node where
 * the cluster-wide count changed (the presence store knows the first and the last), so
 * the webhooks are sent once for the cluster. Events wait in memory: a node that stops
 * loses those not sent yet.
 */
public final class Webhooks implements ApplicationListener<ApplicationEvent>, AutoCloseable {

	private final List<Webhook> webhooks;

	private static final Log logger = LogFactory.getLog(Webhooks.class);

	private static final Duration ADOPT_EVERY = Duration.ofSeconds(2);

	private final ScheduledExecutorService scheduler;

	private final WebhookJournal journal;

	/**
	 * Creates the webhooks.
	 * @param settings one per webhook
	 * @param appKey sent as {@code X-Pusher-Key}
	 * @param appSecret signs each request
	 * @param jsonMapper writes the requests
	 * @param stillGone whether a delayed removal is still true when it is due
	 * @param journal where failed requests wait for their retries outside the node
	 */
	public Webhooks(List<WebhookSettings> settings, String appKey, String appSecret, JsonMapper jsonMapper,
			StillGone stillGone, WebhookJournal journal) {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, ThreadPools.factory("webhooks"));
		scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler = scheduler;
		// its own client: requests never wait for the application's
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		Signatures signatures = new Signatures(appSecret);
		List<Webhook> webhooks = new ArrayList<>();
		for (WebhookSettings webhook : settings) {
			webhooks.add(new Webhook(webhook, appKey, signatures, http, scheduler, jsonMapper, Clock.systemUTC(),
					stillGone, journal));
		}
		this.webhooks = List.copyOf(webhooks);
		this.journal = journal;
		scheduler.scheduleWithFixedDelay(this::adoptOrphans, ADOPT_EVERY.toMillis(), ADOPT_EVERY.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	// the retries of nodes that stopped: one of the others sends them
	private void adoptOrphans() {
		this.journal.adoptOrphans().whenComplete((adopted, failure) -> {
			for (WebhookJournal.KeptBatch kept : (adopted != null) ? adopted : List.<WebhookJournal.KeptBatch>of()) {
				Webhook webhook = this.webhooks.stream()
					.filter((candidate) -> candidate.key().equals(kept.webhook()))
					.findFirst()
					.orElse(null);
				if (webhook != null) {
					webhook.adopt(kept);
				}
				else {
					logger.warn("Dropped a webhook request kept for a webhook that is no longer configured");
					this.journal.forget(kept);
				}
			}
		});
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		WebhookEvent webhookEvent = of(event);
		// not the server-to-user channels: they are the protocol's, not the application's
		if (webhookEvent != null && !ChannelName.isReserved(webhookEvent.channel())) {
			send(webhookEvent);
		}
	}

	/**
	 * Hands an event to every webhook that wants it. Never blocks.
	 * @param event the event
	 */
	public void send(WebhookEvent event) {
		for (Webhook webhook : this.webhooks) {
			webhook.offer(event);
		}
	}

	/**
	 * What each webhook has done.
	 * @return one status per webhook, in their order
	 */
	public List<WebhookStatus> status() {
		return this.webhooks.stream().map(Webhook::status).toList();
	}

	private static @Nullable WebhookEvent of(ApplicationEvent event) {
		if (event instanceof ChannelOccupiedEvent occupied) {
			return WebhookEvent.of(WebhookEvent.CHANNEL_OCCUPIED, occupied.getChannel());
		}
		if (event instanceof ChannelVacatedEvent vacated) {
			return WebhookEvent.of(WebhookEvent.CHANNEL_VACATED, vacated.getChannel());
		}
		if (event instanceof MemberAddedEvent added) {
			return WebhookEvent.member(WebhookEvent.MEMBER_ADDED, added.getChannel(), added.getMember().userId());
		}
		if (event instanceof ClientEventRelayedEvent relayed) {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("event", relayed.getEvent());
			fields.put("data", relayed.getData());
			fields.put("socket_id", relayed.getSocketId());
			return new WebhookEvent(WebhookEvent.CLIENT_EVENT, relayed.getChannel(), relayed.getUserId(), fields);
		}
		if (event instanceof SubscriptionCountEvent counted) {
			return new WebhookEvent(WebhookEvent.SUBSCRIPTION_COUNT, counted.getChannel(), null,
					Map.of("subscription_count", counted.getCount()));
		}
		if (event instanceof CacheMissEvent missed) {
			return WebhookEvent.of(WebhookEvent.CACHE_MISS, missed.getChannel());
		}
		if (event instanceof MemberRemovedEvent removed) {
			return WebhookEvent.member(WebhookEvent.MEMBER_REMOVED, removed.getChannel(), removed.getMember().userId());
		}
		return null;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
		try {
			this.scheduler.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
