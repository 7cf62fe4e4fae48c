package dev.sockets.actuator;

import java.util.Locale;

import dev.sockets.broker.DefaultBroadcaster;
import dev.sockets.channel.ChannelAuthorization;
import dev.sockets.channel.ChannelSubscriptions;
import dev.sockets.protocol.ChannelType;
import dev.sockets.server.LocalDelivery;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Internal: channel metrics: {@code sockets.subscriptions} by channel type,
 * {@code sockets.channels}, {@code sockets.broadcasts.published} (on this node),
 * {@code sockets.broadcasts.delivered} (publications handed to this node),
 * {@code sockets.messages.delivered} (frames queued to its connections) and
 * {@code sockets.authorizations} by result.
 */
public final class ChannelMetrics implements MeterBinder {

	private final ChannelSubscriptions subscriptions;

	private final LocalDelivery delivery;

	private final ChannelAuthorization authorization;

	private final @Nullable DefaultBroadcaster broadcaster;

	/**
	 * Creates the binder.
	 * @param subscriptions this node's subscriptions
	 * @param delivery counts publications and deliveries
	 * @param authorization counts authorization results
	 * @param broadcaster counts broadcasts published on this node, unless the application
	 * replaced it
	 */
	public ChannelMetrics(ChannelSubscriptions subscriptions, LocalDelivery delivery,
			ChannelAuthorization authorization, @Nullable DefaultBroadcaster broadcaster) {
		this.subscriptions = subscriptions;
		this.delivery = delivery;
		this.authorization = authorization;
		this.broadcaster = broadcaster;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ChannelType type : ChannelType.values()) {
			Gauge
				.builder("sockets.subscriptions", this.subscriptions,
						(subscriptions) -> subscriptions.subscriptionCount(type))
				.tag("type", type.name().toLowerCase(Locale.ROOT))
				.description("Subscriptions of this node's connections, by channel type")
				.register(registry);
		}
		Gauge.builder("sockets.channels", this.subscriptions, ChannelSubscriptions::channelCount)
			.description("Channels with subscribers on this node")
			.register(registry);
		if (this.broadcaster != null) {
			FunctionCounter
				.builder("sockets.broadcasts.published", this.broadcaster, DefaultBroadcaster::publishedCount)
				.description("Broadcasts published on this node (Broadcaster and HTTP API), one per channel")
				.register(registry);
		}
		FunctionCounter.builder("sockets.broadcasts.delivered", this.delivery, LocalDelivery::publicationCount)
			.description("Publications handed to this node for its subscribers")
			.register(registry);
		FunctionCounter.builder("sockets.messages.delivered", this.delivery, LocalDelivery::deliveryCount)
			.description("Frames queued to this node's connections for publications")
			.register(registry);
		FunctionCounter.builder("sockets.authorizations", this.authorization, ChannelAuthorization::grantedCount)
			.tag("result", "granted")
			.description("Subscriptions decided by the authorizer pipeline, by result")
			.register(registry);
		FunctionCounter.builder("sockets.authorizations", this.authorization, ChannelAuthorization::deniedCount)
			.tag("result", "denied")
			.register(registry);
		FunctionCounter.builder("sockets.authorizations", this.authorization, ChannelAuthorization::failedCount)
			.tag("result", "failed")
			.register(registry);
	}

}
