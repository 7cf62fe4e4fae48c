package dev.sockets.actuator;

import dev.sockets.webhook.WebhookStatus;
import dev.sockets.webhook.Webhooks;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Internal: each webhook's metrics, tagged with its URL (without user info or query) and
 * its index in {@code sockets.webhooks}: {@code sockets.webhooks.waiting},
 * {@code sockets.webhooks.sent}, {@code sockets.webhooks.failed.attempts} and
 * {@code sockets.webhooks.dropped}.
 */
public final class WebhookMetrics implements MeterBinder {

	private final Webhooks webhooks;

	/**
	 * Creates the binder.
	 * @param webhooks the webhooks
	 */
	public WebhookMetrics(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (int i = 0; i < this.webhooks.status().size(); i++) {
			int index = i;
			String url = this.webhooks.status().get(i).shownUrl();
			String indexTag = String.valueOf(i);
			Gauge.builder("sockets.webhooks.waiting", this.webhooks, (webhooks) -> status(webhooks, index).waiting())
				.tag("url", url)
				.tag("index", indexTag)
				.description("Webhook events waiting to be sent")
				.register(registry);
			FunctionCounter
				.builder("sockets.webhooks.sent", this.webhooks, (webhooks) -> status(webhooks, index).sent())
				.tag("url", url)
				.tag("index", indexTag)
				.description("Webhook events delivered")
				.register(registry);
			FunctionCounter
				.builder("sockets.webhooks.failed.attempts", this.webhooks,
						(webhooks) -> status(webhooks, index).failedAttempts())
				.tag("url", url)
				.tag("index", indexTag)
				.description("Webhook requests that failed (retried, or given up)")
				.register(registry);
			FunctionCounter
				.builder("sockets.webhooks.dropped", this.webhooks, (webhooks) -> status(webhooks, index).dropped())
				.tag("url", url)
				.tag("index", indexTag)
				.description("Webhook events never delivered: over the queue's bound, or out of retry time")
				.register(registry);
		}
	}

	private static WebhookStatus status(Webhooks webhooks, int index) {
		return webhooks.status().get(index);
	}

}
