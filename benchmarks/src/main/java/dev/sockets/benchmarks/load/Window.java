package dev.sockets.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.function.LongFunction;

/**
 * One measured window of fixed-rate publishing, from the first publish to the last
 * delivery (or a 15 s wait for it).
 *
 * @param published publishes the server accepted
 * @param expected deliveries that should follow
 * @param delivered deliveries received
 * @param complete whether every expected delivery arrived
 * @param seconds the window's length
 * @param serverCpuNanos server process CPU spent in the window
 * @param generatorCpuNanos this process's CPU spent in the window
 * @param latency publish-to-receive latencies of the window
 */
record Window(long published, long expected, long delivered, boolean complete, double seconds, long serverCpuNanos,
		long generatorCpuNanos, Latencies.Summary latency) {

	/**
	 * Publishes at a rate for a while and measures what arrives.
	 * @param receivers how many of the clients receive each publish
	 */
	static Window measure(Bench bench, Target target, List<BenchClient> clients, int rate, Duration duration,
			LongFunction<String> channelOf, int receivers) throws Exception {
		bench.latencies().clear();
		long before = Bench.received(clients);
		ServerStats start = ServerStats.read(bench.statsBase(), false);
		long ownStart = Bench.ownCpuNanos();
		long began = System.nanoTime();
		long published = bench.publishAtRate(target, rate, duration, channelOf);
		long expected = published * receivers;
		boolean complete = Bench.awaitUntil(() -> Bench.received(clients) - before >= expected, Duration.ofSeconds(15));
		double seconds = (System.nanoTime() - began) / 1e9;
		ServerStats end = ServerStats.read(bench.statsBase(), false);
		return new Window(published, expected, Bench.received(clients) - before, complete, seconds,
				end.cpuNanos() - start.cpuNanos(), Bench.ownCpuNanos() - ownStart, bench.latencies().summarize());
	}

	/**
	 * Adds this window's figures to a report.
	 */
	Report addTo(Report report) {
		if (this.expected > 0) {
			report.put("serverCpuMicrosPerDelivery", this.serverCpuNanos / 1000.0 / Math.max(1, this.delivered));
		}
		return report.put("published", this.published)
			.put("delivered", this.delivered)
			.put("lost", Math.max(0, this.expected - this.delivered))
			.put("complete", this.complete)
			.put("deliveriesPerSecond", this.delivered / this.seconds)
			.put("latencyP50Ms", this.latency.p50() / 1000.0)
			.put("latencyP99Ms", this.latency.p99() / 1000.0)
			.put("latencyMaxMs", this.latency.max() / 1000.0)
			.put("serverCpuMicrosPerPublish", this.serverCpuNanos / 1000.0 / Math.max(1, this.published))
			.put("generatorCpuShare", this.generatorCpuNanos / 1e9 / this.seconds);
	}

}
