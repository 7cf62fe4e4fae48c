package dev.sockets.broker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * Internal: the single-node broker: hands each publication straight to this node's
 * listener, on the publishing thread.
 */
public final class LocalBroker implements Broker {

	private static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

	private volatile @Nullable BrokerListener listener;

	@Override
	public void start(BrokerListener listener) {
		this.listener = listener;
	}

	@Override
	public CompletionStage<Void> publish(Publication publication) {
		BrokerListener listener = this.listener;
		if (listener != null) {
			listener.onPublication(publication);
		}
		return DONE;
	}

	@Override
	public void subscribe(String channel) {
		// every publication is local, so there is nothing to join
	}

	@Override
	public void unsubscribe(String channel) {
		// every publication is local, so there is nothing to leave
	}

}
