package dev.sockets.benchmarks.jmh;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.sockets.broker.LocalBroker;
import dev.sockets.channel.ChannelSubscriptions;
import dev.sockets.connection.Connection;
import dev.sockets.connection.OutboundLimits;
import dev.sockets.connection.SocketIds;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The part of a broadcast that grows with the audience: finding a channel's local
 * subscribers in {@link ChannelSubscriptions} among 10,000 occupied channels and walking
 * them, skipping the sender, as {@code LocalDelivery#onPublication} does. Frames are not
 * sent (that is socket work); {@link Blackhole#consume} stands in for
 * {@code Connection#send}. Also measures one subscribe and unsubscribe on a busy channel,
 * which every pusher-js connection does on page load and unload.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanOutBenchmark {

	private static final int CHANNELS = 10_000;

	private static final OutboundLimits LIMITS = new OutboundLimits(512 * 1024, Duration.ofSeconds(10), Runnable::run);

	// as LocalDelivery does: the sender is resolved to its connection once, then compared
	// by reference
	@Benchmark
	public void lookupAndIterate(Audience audience, Blackhole blackhole) {
		Connection except = audience.except;
		for (Connection connection : audience.subscriptions.subscribers(audience.channel)) {
			if (connection != except) {
				blackhole.consume(connection);
			}
		}
	}

	// a broadcast without socket_id (most HTTP API triggers) skips the socket id
	// comparison; the difference is what the except check costs
	@Benchmark
	public void lookupAndIterateWithoutExcept(Audience audience, Blackhole blackhole) {
		for (Connection connection : audience.subscriptions.subscribers(audience.channel)) {
			blackhole.consume(connection);
		}
	}

	@Benchmark
	public Object lookup(Audience audience) {
		return audience.subscriptions.subscribers(audience.channel);
	}

	@Benchmark
	public boolean subscribeUnsubscribe(Churn churn) {
		return churn.subscriptions.subscribe(churn.channel, churn.newcomer)
				& churn.subscriptions.unsubscribe(churn.channel, churn.newcomer);
	}

	static ChannelSubscriptions populate(SocketIds ids, String busyChannel, int subscribers) {
		ChannelSubscriptions subscriptions = new ChannelSubscriptions(new LocalBroker());
		for (int i = 0; i < subscribers; i++) {
			subscriptions.subscribe(busyChannel, connection(ids));
		}
		// one subscriber each keeps the other channels occupied (an empty channel is
		// removed)
		for (int i = 1; i < CHANNELS; i++) {
			subscriptions.subscribe("private-orders." + i, connection(ids));
		}
		return subscriptions;
	}

	static Connection connection(SocketIds ids) {
		String socketId = ids.next();
		return Connection.of(socketId, new NoOpTransport(), LIMITS);
	}

	/**
	 * One busy channel among {@value #CHANNELS}, and the sender to skip.
	 */
	@State(Scope.Benchmark)
	public static class Audience {

		@Param({ "1000", "10000" })
		private int subscribers;

		private String channel = "";

		private @Nullable Connection except;

		private ChannelSubscriptions subscriptions = new ChannelSubscriptions(new LocalBroker());

		@Setup
		public void setUp() {
			this.channel = "presence-room.lobby";
			this.subscriptions = populate(new SocketIds(), this.channel, this.subscribers);
			int middle = 0;
			for (Connection connection : this.subscriptions.subscribers(this.channel)) {
				if (middle++ == this.subscribers / 2) {
					this.except = connection;
				}
			}
		}

	}

	/**
	 * A channel with 1,000 subscribers and one more connection that joins and leaves.
	 */
	@State(Scope.Benchmark)
	public static class Churn {

		private String channel = "presence-room.lobby";

		private final ChannelSubscriptions subscriptions;

		private final Connection newcomer;

		public Churn() {
			SocketIds ids = new SocketIds();
			this.subscriptions = populate(ids, this.channel, 1000);
			this.newcomer = connection(ids);
		}

	}

}
