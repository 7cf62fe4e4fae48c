package dev.sockets.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.sockets.broker.Broker;
import dev.sockets.broker.Publication;
import dev.sockets.protocol.ChannelName;
import dev.sockets.protocol.ChannelType;
import dev.sockets.protocol.Events;
import dev.sockets.protocol.Frames;
import org.jspecify.annotations.Nullable;

/**
 * Internal: Pusher's optional subscription counts. When enabled, every subscribe and
 * unsubscribe on a public or private channel sends
 * {@code pusher_internal:subscription_count} with the cluster-wide count to the channel's
 * subscribers (pusher-js emits it as {@code pusher:subscription_count}); a channel with
 * more than {@value #BUSY} subscribers gets at most one every
 * {@value #BUSY_INTERVAL_SECONDS} seconds from each node, as with Pusher. Presence
 * channels announce their members instead.
 */
public final class SubscriptionCounts {

	/** Subscription counts off. */
	public static final SubscriptionCounts OFF = new SubscriptionCounts();

	private static final int BUSY = 100;

	private static final long BUSY_INTERVAL_SECONDS = 5;

	private final @Nullable Broker broker;

	// busy channels: when this node last announced their count
	private final Map<String, Long> lastAnnounced = new ConcurrentHashMap<>();

	private SubscriptionCounts() {
		this.broker = null;
	}

	/**
	 * Announces counts through a broker.
	 * @param broker carries the counts to every node's subscribers
	 */
	public SubscriptionCounts(Broker broker) {
		this.broker = broker;
	}

	/**
	 * A channel's subscriber count changed.
	 * @param channel the channel
	 * @param count the cluster-wide count afterwards; negative when unknown
	 * @return whether the count was announced
	 */
	boolean changed(String channel, long count) {
		Broker broker = this.broker;
		if (broker == null || count <= 0 || ChannelType.of(channel) == ChannelType.PRESENCE
				|| ChannelName.isReserved(channel)) {
			this.lastAnnounced.remove(channel);
			return false;
		}
		if (count > BUSY && !dueForBusy(channel)) {
			return false;
		}
		broker.publish(new Publication(channel,
				Frames.eventText(Events.SUBSCRIPTION_COUNT, channel, "{\"subscription_count\":" + count + "}"), null));
		return true;
	}

	private boolean dueForBusy(String channel) {
		long now = System.nanoTime();
		boolean[] due = new boolean[1];
		this.lastAnnounced.compute(channel, (name, last) -> {
			due[0] = last == null || now - last >= TimeUnit.SECONDS.toNanos(BUSY_INTERVAL_SECONDS);
			return due[0] ? now : last;
		});
		return due[0];
	}

}
