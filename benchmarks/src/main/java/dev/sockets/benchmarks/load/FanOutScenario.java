package dev.sockets.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * N subscribers of one channel: fixed-rate publishing (deliveries/s, latency, loss,
 * server CPU per delivery), then back-to-back bursts for the highest delivery rate, on
 * the sockets endpoint and on the raw ceiling in the same run.
 */
final class FanOutScenario {

	private final Bench bench;

	FanOutScenario(Bench bench) {
		this.bench = bench;
	}

	void run() throws Exception {
		int subscribers = this.bench.options().integer("subscribers", 1000);
		int rate = this.bench.options().integer("rate", 80);
		Duration duration = this.bench.options().seconds("duration", 20);
		int burst = this.bench.options().integer("burst", 10);
		for (String name : this.bench.options().string("target", "raw,sockets").split(",")) {
			Target target = this.bench.target(name);
			System.out.printf("fan-out: %s, %d subscribers, %d publishes/s for %s%n", name, subscribers, rate,
					duration);
			List<BenchClient> clients = this.bench.clients().connect(target, subscribers, (i) -> "fanout", true);
			Report report = new Report(this.bench.name("fanout-" + subscribers), name, this.bench.results());
			report.put("subscribers", subscribers).put("publishRate", rate);
			steady(target, clients, rate, duration, report);
			bursts(target, clients, burst, report);
			report.write();
			this.bench.clients().close(clients);
		}
	}

	private void steady(Target target, List<BenchClient> clients, int rate, Duration duration, Report report)
			throws Exception {
		// warm-up, not measured; its deliveries must all be in before the measured window
		// opens
		long warmStart = Bench.received(clients);
		long warmed = this.bench.publishAtRate(target, rate, Duration.ofSeconds(3), (n) -> "fanout");
		Bench.awaitUntil(() -> Bench.received(clients) - warmStart >= warmed * clients.size(), Duration.ofSeconds(30));
		Window.measure(this.bench, target, clients, rate, duration, (n) -> "fanout", clients.size()).addTo(report);
	}

	// Back-to-back publishes: how fast the server can deliver when it has work queued,
	// measured to the last delivery.
	private void bursts(Target target, List<BenchClient> clients, int burst, Report report) throws Exception {
		double best = 0;
		for (int round = 0; round < 5; round++) {
			long before = Bench.received(clients);
			long began = System.nanoTime();
			CompletableFuture<?>[] publishes = new CompletableFuture<?>[burst];
			for (int i = 0; i < burst; i++) {
				publishes[i] = target.publish("fanout", i, this.bench.payloadSize(), BenchClient.nowMicros());
			}
			CompletableFuture.allOf(publishes).join();
			long expected = (long) burst * clients.size();
			Bench.awaitUntil(() -> Bench.received(clients) - before >= expected, Duration.ofSeconds(15));
			double rate = (Bench.received(clients) - before) / ((System.nanoTime() - began) / 1e9);
			best = Math.max(best, rate);
			Bench.awaitUntil(() -> false, Duration.ofMillis(300));
		}
		report.put("burst", burst).put("burstDeliveriesPerSecond", best);
	}

}
