package dev.sockets.broker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * Internal: the single-node broker: hands each publication straight to this node's
 * listener, on the publishing thread, and keeps the histories of channels that have one
 * in memory.
 */
public final class LocalBroker implements Broker {

	private final MemoryHistory history = new MemoryHistory();

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
	public CompletionStage<Void> publishRecorded(Publication publication, Retention retention) {
		this.history.record(publication, retention, (recorded) -> {
			BrokerListener listener = this.listener;
			if (listener != null) {
				listener.onPublication(recorded);
			}
		});
		return DONE;
	}

	@Override
	public CompletionStage<History> history(String channel, long after, int limit, Retention retention) {
		return CompletableFuture.completedStage(this.history.read(channel, after, limit, retention));
	}

	/**
	 * The memory the kept histories take, estimated from their messages' sizes.
	 * @return bytes
	 */
	public long historyBytes() {
		return this.history.characters() * 2;
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
