package dev.sockets.actuator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sockets.broker.Broker;
import dev.sockets.channel.ChannelSubscriptions;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.redis.RedisBroker;
import dev.sockets.redis.RedisBrokerStatus;
import dev.sockets.server.Liveness;
import dev.sockets.webhook.WebhookStatus;
import dev.sockets.webhook.Webhooks;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.ClassUtils;

/**
 * Internal: the {@code sockets} health. UP with the node's connections, channels and
 * broker; OUT_OF_SERVICE while the node drains for shutdown (add it to the readiness
 * group so load balancers stop sending clients); with the Redis broker, DOWN while the
 * node does not hear its own canary back through Redis (its subscriber connection is
 * gone, or Redis does not deliver) — not merely when a PING fails — because then
 * broadcasts reach this node's subscribers only.
 */
public final class SocketsHealthIndicator implements HealthIndicator {

	// without Spring Data Redis the broker cannot be Redis's, and its class must not load
	private static final boolean REDIS_PRESENT = ClassUtils.isPresent(
			"org.springframework.data.redis.connection.RedisConnectionFactory",
			SocketsHealthIndicator.class.getClassLoader());

	private final ConnectionRegistry connections;

	private final ChannelSubscriptions subscriptions;

	private final Broker broker;

	private final Liveness liveness;

	private final @Nullable Webhooks webhooks;

	/**
	 * Creates the indicator.
	 * @param connections this node's connections
	 * @param subscriptions this node's channels
	 * @param broker the broker
	 * @param liveness tells when the node drains for shutdown
	 * @param webhooks the webhooks, whose queues and losses are shown, or {@code null}
	 */
	public SocketsHealthIndicator(ConnectionRegistry connections, ChannelSubscriptions subscriptions, Broker broker,
			Liveness liveness, @Nullable Webhooks webhooks) {
		this.connections = connections;
		this.subscriptions = subscriptions;
		this.broker = broker;
		this.liveness = liveness;
		this.webhooks = webhooks;
	}

	/**
	 * Up, but refusing publications: served with HTTP 200, sorted before UP.
	 */
	public static final Status DEGRADED = new Status("DEGRADED", "Refusing publications that Redis cannot take");

	@Override
	public Health health() {
		if (this.liveness.isDraining()) {
			return Health.outOfService()
				.withDetail("reason", "draining for shutdown: clients reconnect elsewhere")
				.build();
		}
		Health.Builder health = Health.up()
			.withDetail("connections", this.connections.size())
			.withDetail("channels", this.subscriptions.channelCount());
		if (REDIS_PRESENT && this.broker instanceof RedisBroker redis) {
			RedisBrokerStatus status = redis.status();
			health = (status.up() ? health
					: Health.down()
						.withDetail("connections", this.connections.size())
						.withDetail("channels", this.subscriptions.channelCount()))
				.withDetail("broker", status.sharded() ? "redis (sharded pub/sub)" : "redis")
				.withDetail("publishedToRedis", status.published())
				.withDetail("localOnlyPublications", status.localOnly())
				.withDetail("refusedPublications", status.refused())
				.withDetail("publicationsInFlight", status.inFlight())
				.withDetail("receivedFromRedis", status.received())
				.withDetail("outages", status.outages());
			if (!status.up()) {
				health.withDetail("reason", "this node does not hear its canary through Redis: broadcasts reach "
						+ "its own subscribers only");
			}
			else if (status.degraded()) {
				health.status(DEGRADED)
					.withDetail("reason", "Redis is not keeping up: publications were refused in the last 10 s");
			}
			return withWebhooks(health).build();
		}
		return withWebhooks(health.withDetail("broker", this.broker.getClass().getSimpleName())).build();
	}

	// what waits and what was lost: a webhook's losses do not make the node unhealthy
	private Health.Builder withWebhooks(Health.Builder health) {
		if (this.webhooks == null) {
			return health;
		}
		List<Map<String, Object>> webhooks = new ArrayList<>();
		for (WebhookStatus status : this.webhooks.status()) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("url", status.shownUrl());
			details.put("waiting", status.waiting());
			details.put("sent", status.sent());
			details.put("failedAttempts", status.failedAttempts());
			details.put("dropped", status.dropped());
			webhooks.add(details);
		}
		return health.withDetail("webhooks", webhooks);
	}

}
