package dev.sockets.broker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * SPI: carries encoded messages between nodes. An implementation delivers every
 * {@link #publish published} message to the {@link BrokerListener} of each node that has
 * subscribed to the channel, this node included, exactly once in the normal case and at
 * most once when its transport fails. Delivery is in order per channel and publishing
 * thread. A broker never silently drops a publication it accepted: when it cannot keep up
 * it refuses through the stage {@link #publish} returns. {@link #subscribe} is called
 * when a channel gets its first local subscriber and {@link #unsubscribe} after its last,
 * never concurrently for the same channel; an implementation may ignore them when it
 * delivers everything anyway. All methods are called from many threads and must not block
 * for long.
 */
public interface Broker {

	/**
	 * Starts delivering to this node's listener; called once, before the endpoint accepts
	 * connections. Publications made before it are dropped: nobody is subscribed yet.
	 * @param listener where publications for this node go
	 */
	void start(BrokerListener listener);

	/**
	 * Sends a publication to every node with subscribers for its channel, without waiting
	 * for the network.
	 * @param publication the publication
	 * @return a stage that completes once every node will receive the publication (for a
	 * cluster broker: once the shared transport acknowledged it, or at once while the
	 * transport is known to be down and delivery is local only), or completes
	 * exceptionally with a {@link BroadcastRefusedException} when the broker cannot take
	 * it
	 */
	CompletionStage<Void> publish(Publication publication);

	/**
	 * Records a publication in its channel's history and sends it to every node, like
	 * {@link #publish}: the broker gives it the next position of the channel (a new epoch
	 * first when the channel has no history, or lost it), keeps it within the retention,
	 * and delivers it {@link Publication#at at that position} to every node's listener,
	 * this node's included, in the order of the positions. A broker that keeps no history
	 * keeps the default, which refuses.
	 * @param publication the publication, without a position
	 * @param retention how much history the channel keeps
	 * @return a stage that completes as {@link #publish}'s does
	 */
	default CompletionStage<Void> publishRecorded(Publication publication, Retention retention) {
		return CompletableFuture.failedStage(new BroadcastRefusedException(
				getClass().getSimpleName() + " keeps no history; channel " + publication.channel() + " needs one"));
	}

	/**
	 * Reads a channel's history, starting its epoch when it has none, so that a
	 * subscriber always gets a position to recover from.
	 * @param channel the channel
	 * @param after read the events after this offset, oldest first; {@code -1} for the
	 * newest ones
	 * @param limit the most events read; {@code 0} for the head only
	 * @param retention how much history the channel keeps, for an epoch this read starts
	 * @return the history, or a stage that fails when the broker cannot read it (the
	 * default: it keeps none)
	 */
	default CompletionStage<History> history(String channel, long after, int limit, Retention retention) {
		return CompletableFuture.failedStage(new UnsupportedOperationException(
				getClass().getSimpleName() + " keeps no history; channel " + channel + " needs one"));
	}

	/**
	 * This node now has subscribers for a channel.
	 * @param channel the channel
	 */
	void subscribe(String channel);

	/**
	 * When publications to a channel from every node reach this node, so that a
	 * subscriber told its subscription succeeded misses nothing published afterwards.
	 * Called after {@link #subscribe}; the endpoint answers
	 * {@code subscription_succeeded} once the stage completes. A broker whose
	 * subscriptions take effect at once, or that delivers everything anyway, keeps the
	 * default.
	 * @param channel the channel
	 * @return a stage that completes when listening, or when the broker gives up waiting
	 * (it never completes exceptionally)
	 */
	default CompletionStage<Void> whenListening(String channel) {
		return CompletableFuture.completedFuture(null);
	}

	/**
	 * This node no longer has subscribers for a channel.
	 * @param channel the channel
	 */
	void unsubscribe(String channel);

}
