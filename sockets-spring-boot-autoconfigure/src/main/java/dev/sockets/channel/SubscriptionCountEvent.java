package dev.sockets.channel;

import org.springframework.context.ApplicationEvent;

/**
 * A channel's cluster-wide subscriber count was announced to its subscribers
 * ({@code pusher_internal:subscription_count}, with
 * {@code sockets.subscription-count.enabled}): on every change, and at most every 5 s per
 * node for a channel of more than 100 subscribers. Published on the node where the count
 * changed; keep listeners quick or make them {@code @Async}.
 */
public class SubscriptionCountEvent extends ApplicationEvent {

	private final String channel;

	private final long count;

	/**
	 * Creates the event.
	 * @param source the publisher
	 * @param channel the channel
	 * @param count its subscribers across the cluster
	 */
	public SubscriptionCountEvent(Object source, String channel, long count) {
		super(source);
		this.channel = channel;
		this.count = count;
	}

	public String getChannel() {
		return this.channel;
	}

	public long getCount() {
		return this.count;
	}

}
