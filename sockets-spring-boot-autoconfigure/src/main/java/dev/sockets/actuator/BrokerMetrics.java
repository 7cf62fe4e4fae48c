package dev.sockets.actuator;

import dev.sockets.redis.RedisBroker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Internal: the Redis broker's metrics: {@code sockets.broker.up},
 * {@code sockets.broker.outages}, {@code sockets.broker.outage.time},
 * {@code sockets.broker.publications.local.only} and
 * {@code sockets.broker.publications.received}.
 */
public final class BrokerMetrics implements MeterBinder {

	private final RedisBroker broker;

	/**
	 * Creates the binder.
	 * @param broker the Redis broker
	 */
	public BrokerMetrics(RedisBroker broker) {
		this.broker = broker;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("sockets.broker.up", this.broker, (broker) -> broker.status().up() ? 1 : 0)
			.description("Whether this node hears its canary through Redis (1) or serves local subscribers only (0)")
			.register(registry);
		FunctionCounter.builder("sockets.broker.outages", this.broker, (broker) -> broker.status().outages())
			.description("Times the Redis broker went down")
			.register(registry);
		FunctionCounter
			.builder("sockets.broker.outage.time", this.broker, (broker) -> broker.status().outageMillis() / 1000.0)
			.baseUnit("seconds")
			.description("Total time the Redis broker was down")
			.register(registry);
		FunctionCounter
			.builder("sockets.broker.publications.local.only", this.broker, (broker) -> broker.status().localOnly())
			.description("Publications that reached this node's subscribers only because they were made during an "
					+ "outage")
			.register(registry);
		FunctionCounter
			.builder("sockets.broker.publications.refused", this.broker, (broker) -> broker.status().refused())
			.description("Publications refused because Redis could not keep up or did not acknowledge them in time")
			.register(registry);
		Gauge.builder("sockets.broker.publications.in.flight", this.broker, (broker) -> broker.status().inFlight())
			.description("Publications waiting for Redis's acknowledgement")
			.register(registry);
		FunctionCounter
			.builder("sockets.broker.publications.received", this.broker, (broker) -> broker.status().received())
			.description("Publications received from other nodes")
			.register(registry);
		FunctionCounter
			.builder("sockets.broker.publications.sent", this.broker, (broker) -> broker.status().published())
			.description("Publications Redis acknowledged")
			.register(registry);
	}

}
