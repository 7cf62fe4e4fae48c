package dev.sockets.actuator;

import java.time.Duration;

import dev.sockets.connection.WriteObserver;
import dev.sockets.protocol.Frame;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Internal: delivery metrics, recorded as connections write:
 * {@code sockets.delivery.latency} (from a frame's making to its write, with p50, p95 and
 * p99: for a publication, from when this node received it from the broker — on the
 * publishing node, as it was published — so the Redis hop is not included) and
 * {@code sockets.connection.queued.bytes} (what a connection had queued at each write,
 * which shows slow consumers building up).
 */
public final class DeliveryMetrics implements WriteObserver, MeterBinder {

	private volatile @Nullable Timer latency;

	private volatile @Nullable DistributionSummary queued;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.latency = Timer.builder("sockets.delivery.latency")
			.description(
					"Time from a frame's arrival on this node (its publication, locally) to its write to a connection")
			.publishPercentiles(0.5, 0.95, 0.99)
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
		this.queued = DistributionSummary.builder("sockets.connection.queued.bytes")
			.description("Bytes a connection had queued when it wrote a frame")
			.baseUnit("bytes")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
	}

	@Override
	public void written(Frame frame, long queuedBytes) {
		Timer latency = this.latency;
		DistributionSummary queued = this.queued;
		if (latency != null && queued != null) {
			latency.record(System.nanoTime() - frame.createdAt(), java.util.concurrent.TimeUnit.NANOSECONDS);
			queued.record(queuedBytes);
		}
	}

}
