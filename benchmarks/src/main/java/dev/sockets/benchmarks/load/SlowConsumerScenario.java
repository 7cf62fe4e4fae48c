package dev.sockets.benchmarks.load;

import java.time.Duration;
import java.util.List;

/**
 * N subscribers read normally; then {@code --slow} more (one by default) subscribe and
 * stop reading. The others' p99 with and without them, how many of the others the server
 * closed (none should be), the server heap before and after, and whether the slow ones
 * were closed.
 */
final class SlowConsumerScenario {

	private final Bench bench;

	SlowConsumerScenario(Bench bench) {
		this.bench = bench;
	}

	void run() throws Exception {
		int subscribers = this.bench.options().integer("subscribers", 1000);
		int rate = this.bench.options().integer("rate", 20);
		Duration duration = this.bench.options().seconds("duration", 20);
		int slowCount = this.bench.options().integer("slow", 1);
		Target target = this.bench.target(this.bench.targetName());
		System.out.printf("slow consumer: %d subscribers + %d that stop reading, %d publishes/s of %d B for %s%n",
				subscribers, slowCount, rate, this.bench.payloadSize(), duration);
		List<BenchClient> fast = this.bench.clients().connect(target, subscribers, (i) -> "slow", true);
		long warmStart = Bench.received(fast);
		long warmed = this.bench.publishAtRate(target, rate, Duration.ofSeconds(3), (n) -> "slow");
		Bench.awaitUntil(() -> Bench.received(fast) - warmStart >= warmed * fast.size(), Duration.ofSeconds(30));
		Latencies.Summary without = phase(target, fast, rate, duration);
		ServerStats heapBefore = ServerStats.read(this.bench.statsBase(), true);
		List<BenchClient> slow = this.bench.clients().connect(target, slowCount, (i) -> "slow", false);
		Latencies.Summary with = phase(target, fast, rate, duration);
		// the slow consumer is closed once its socket buffers and queue are full and a
		// write has stalled past the
		// send time limit; give it that long before looking
		// (it no longer reads, so it is the server's connection count that tells)
		boolean closed = Bench.awaitUntil(() -> serverConnections() == fast.size(), Duration.ofSeconds(30));
		ServerStats heapAfter = ServerStats.read(this.bench.statsBase(), true);
		long healthyClosed = fast.stream().filter((client) -> client.closed.isDone()).count();
		System.out.printf(
				"others' p99 %.1f ms without, %.1f ms with the slow ones; healthy closed: %d; slow closed: %s%n",
				without.p99() / 1000.0, with.p99() / 1000.0, healthyClosed, closed);
		new Report(this.bench.name("slow-" + subscribers), target.name(), this.bench.results())
			.put("subscribers", subscribers)
			.put("slowConsumers", slowCount)
			.put("healthyClosed", healthyClosed)
			.put("publishRate", rate)
			.put("payloadBytes", this.bench.payloadSize())
			.put("p99WithoutSlowMs", without.p99() / 1000.0)
			.put("p99WithSlowMs", with.p99() / 1000.0)
			.put("p99Change", (double) with.p99() / Math.max(1, without.p99()) - 1)
			.put("heapBeforeBytes", heapBefore.heapUsed())
			.put("heapAfterBytes", heapAfter.heapUsed())
			.put("slowClosedByServer", closed)
			.write();
		slow.forEach(BenchClient::abort);
		this.bench.clients().close(fast);
	}

	private int serverConnections() {
		try {
			return ServerStats.read(this.bench.statsBase(), false).connections();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	private Latencies.Summary phase(Target target, List<BenchClient> fast, int rate, Duration duration)
			throws Exception {
		this.bench.latencies().clear();
		long before = Bench.received(fast);
		long published = this.bench.publishAtRate(target, rate, duration, (n) -> "slow");
		Bench.awaitUntil(() -> Bench.received(fast) - before >= published * fast.size(), Duration.ofSeconds(15));
		return this.bench.latencies().summarize();
	}

}
