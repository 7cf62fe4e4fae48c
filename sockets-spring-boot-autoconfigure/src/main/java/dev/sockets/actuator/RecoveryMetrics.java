package dev.sockets.actuator;

import dev.sockets.broker.LocalBroker;
import dev.sockets.presence.ChannelRecovery;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Internal: missed-message recovery's metrics: {@code sockets.recoveries} (subscriptions
 * that came with a position, by {@code outcome} and {@code reason}),
 * {@code sockets.recovery.replayed} (events sent from the history) and, on a single node,
 * {@code sockets.history.memory} (what the kept histories take).
 */
public final class RecoveryMetrics implements MeterBinder {

	private final ChannelRecovery recovery;

	private final @Nullable LocalBroker localBroker;

	/**
	 * Creates the binder.
	 * @param recovery counts the recoveries
	 * @param localBroker the single-node broker, which keeps the histories in memory, or
	 * {@code null} when another broker keeps them
	 */
	public RecoveryMetrics(ChannelRecovery recovery, @Nullable LocalBroker localBroker) {
		this.recovery = recovery;
		this.localBroker = localBroker;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("sockets.recoveries", this.recovery, ChannelRecovery::recoveredCount)
			.description("Subscriptions that came back with a position, by outcome")
			.tag("outcome", "recovered")
			.tag("reason", "none")
			.register(registry);
		for (ChannelRecovery.Failure failure : ChannelRecovery.Failure.values()) {
			FunctionCounter.builder("sockets.recoveries", this.recovery, (recovery) -> recovery.failedCount(failure))
				.description("Subscriptions that came back with a position, by outcome")
				.tag("outcome", "failed")
				.tag("reason", failure.reason())
				.register(registry);
		}
		FunctionCounter.builder("sockets.recovery.replayed", this.recovery, ChannelRecovery::replayedCount)
			.description("Events sent to recovering subscribers from the history")
			.register(registry);
		LocalBroker broker = this.localBroker;
		if (broker != null) {
			Gauge.builder("sockets.history.memory", broker, LocalBroker::historyBytes)
				.description("Memory the channels' histories take on this node, estimated from their events")
				.baseUnit("bytes")
				.register(registry);
		}
	}

}
