package dev.sockets.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connections come and go (connect, subscribe, disconnect in batches) while a channel is
 * broadcast to: the stable subscribers must lose nothing and the server must end with
 * exactly the stable connections and no leaked heap.
 */
final class ChurnScenario {

	private final Bench bench;

	ChurnScenario(Bench bench) {
		this.bench = bench;
	}

	void run() throws Exception {
		int stable = this.bench.options().integer("subscribers", 1000);
		int batch = this.bench.options().integer("batch", 200);
		int rate = this.bench.options().integer("rate", 50);
		Duration duration = this.bench.options().seconds("duration", 20);
		Target target = this.bench.target(this.bench.targetName());
		System.out.printf("churn: %d stable subscribers, batches of %d churning, %d publishes/s for %s%n", stable,
				batch, rate, duration);
		List<BenchClient> clients = this.bench.clients().connect(target, stable, (i) -> "churn", true);
		ServerStats start = ServerStats.read(this.bench.statsBase(), true);
		long before = Bench.received(clients);
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong churned = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		Thread churner = new Thread(() -> {
			while (running.get()) {
				try {
					List<BenchClient> transient_ = this.bench.clients().connect(target, batch, (i) -> "churn", true);
					this.bench.clients().close(transient_);
					churned.addAndGet(batch);
				}
				catch (Exception ex) {
					failures.incrementAndGet();
				}
			}
		}, "churner");
		long began = System.nanoTime();
		churner.start();
		long published = this.bench.publishAtRate(target, rate, duration, (n) -> "churn");
		running.set(false);
		churner.join(60_000);
		double seconds = (System.nanoTime() - began) / 1e9;
		long expected = published * stable;
		boolean complete = Bench.awaitUntil(() -> Bench.received(clients) - before >= expected, Duration.ofSeconds(15));
		Bench.awaitUntil(() -> false, Duration.ofSeconds(2));
		ServerStats end = ServerStats.read(this.bench.statsBase(), true);
		new Report(this.bench.name("churn-" + stable), target.name(), this.bench.results())
			.put("stableSubscribers", stable)
			.put("churnedConnections", churned.get())
			.put("churnConnectsPerSecond", churned.get() / seconds)
			.put("churnFailures", failures.get())
			.put("published", published)
			.put("lostByStableSubscribers", Math.max(0, expected - (Bench.received(clients) - before)))
			.put("complete", complete)
			.put("serverConnectionsAtEnd", end.connections())
			.put("heapGrowthBytes", end.heapUsed() - start.heapUsed())
			.write();
		this.bench.clients().close(clients);
	}

}
