package dev.sockets.actuator;

import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.handshake.AuthenticationCheck;
import dev.sockets.handshake.HandshakeRateLimit;
import dev.sockets.handshake.OriginCheck;
import dev.sockets.server.ConnectionStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Internal: connection metrics: {@code sockets.connections} (open now),
 * {@code sockets.connections.opened}, {@code sockets.connections.closed} by close code,
 * {@code sockets.handshakes.refused} by reason and {@code sockets.messages.received}.
 */
public final class ConnectionMetrics implements MeterBinder {

	private final ConnectionRegistry connections;

	private final ConnectionStats stats;

	private final OriginCheck origins;

	private final AuthenticationCheck authentication;

	private final HandshakeRateLimit rateLimit;

	/**
	 * Creates the binder.
	 * @param connections this node's connections
	 * @param stats the endpoint's counters
	 * @param origins counts handshakes refused for their origin
	 * @param authentication counts handshakes refused for their credentials
	 * @param rateLimit counts handshakes refused for their address's rate
	 */
	public ConnectionMetrics(ConnectionRegistry connections, ConnectionStats stats, OriginCheck origins,
			AuthenticationCheck authentication, HandshakeRateLimit rateLimit) {
		this.rateLimit = rateLimit;
		this.connections = connections;
		this.stats = stats;
		this.origins = origins;
		this.authentication = authentication;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("sockets.connections", this.connections, ConnectionRegistry::size)
			.description("Open client connections on this node")
			.register(registry);
		FunctionCounter.builder("sockets.connections.opened", this.stats, ConnectionStats::openedCount)
			.description("Client connections opened")
			.register(registry);
		for (String code : ConnectionStats.CLOSE_CODES) {
			FunctionCounter.builder("sockets.connections.closed", this.stats, (stats) -> stats.closedCount(code))
				.tag("code", code)
				.description("Client connections closed, by WebSocket close code (4100: could not keep up)")
				.register(registry);
		}
		refused(registry, "address_rate", this.rateLimit, HandshakeRateLimit::refusedCount);
		refused(registry, "origin", this.origins, OriginCheck::refusedCount);
		refused(registry, "authentication", this.authentication, AuthenticationCheck::refusedCount);
		for (String reason : ConnectionStats.REFUSALS) {
			refused(registry, reason, this.stats, (stats) -> stats.refusedCount(reason));
		}
		FunctionCounter.builder("sockets.messages.received", this.stats, ConnectionStats::receivedCount)
			.description("Messages received from clients")
			.register(registry);
		for (String reason : ConnectionStats.MESSAGE_REFUSALS) {
			FunctionCounter
				.builder("sockets.messages.refused", this.stats, (stats) -> stats.refusedMessageCount(reason))
				.tag("reason", reason)
				.description("Client messages refused: over the rate (rate), or closing a client that went on (abuse)")
				.register(registry);
		}
	}

	private static <T> void refused(MeterRegistry registry, String reason, T source,
			java.util.function.ToDoubleFunction<T> count) {
		FunctionCounter.builder("sockets.handshakes.refused", source, count)
			.tag("reason", reason)
			.description("Connections refused at the handshake or right after it, by reason")
			.register(registry);
	}

}
