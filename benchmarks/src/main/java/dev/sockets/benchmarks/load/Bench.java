package dev.sockets.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * What every scenario shares: the options, the client pool, the latency recorder and
 * fixed-rate publishing.
 *
 * @param options the command-line options
 * @param base the server's base URL
 * @param results the JSON-lines results file
 * @param clients the client pool
 * @param latencies the latency recorder
 */
record Bench(Options options, String base, Path results, Clients clients, Latencies latencies) {

	private static final int PUBLISHERS = 32;

	Target target(String name) {
		return new Target(name, this.base);
	}

	/**
	 * Where the server's process statistics are read: {@code --stats-url}, for a target
	 * whose sockets are on a port of their own (the Netty transport), else the base URL.
	 */
	String statsBase() {
		return this.options.string("stats-url", this.base);
	}

	/**
	 * The target a single-target scenario measures: {@code --target}, {@code sockets} by
	 * default.
	 */
	String targetName() {
		return this.options.string("target", "sockets");
	}

	/**
	 * The name results are filed under: the scenario, plus {@code --label} when given
	 * (e.g. a tuned variant).
	 */
	String name(String scenario) {
		String label = this.options.string("label", "");
		return label.isEmpty() ? scenario : scenario + "-" + label;
	}

	int payloadSize() {
		return this.options.integer("payload", 100);
	}

	static long received(List<BenchClient> clients) {
		return clients.stream().mapToLong(BenchClient::received).sum();
	}

	/**
	 * Publishes at a fixed rate for a while, {@code channelOf} naming the channel of each
	 * publish.
	 * @return publishes accepted with 200
	 */
	long publishAtRate(Target target, int perSecond, Duration duration, LongFunction<String> channelOf)
			throws InterruptedException {
		AtomicLong accepted = new AtomicLong();
		AtomicLong refused = new AtomicLong();
		// a bounded number of requests in flight, like a real publisher's connection
		// pool; ticks that find none free
		// wait, and the report shows the rate actually achieved
		Semaphore inFlight = new Semaphore(PUBLISHERS);
		long total = perSecond * duration.toSeconds();
		long period = 1_000_000_000L / perSecond;
		long began = System.nanoTime();
		long beganMicros = BenchClient.nowMicros();
		for (long n = 0; n < total; n++) {
			long due = began + n * period;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
			inFlight.acquire();
			// stamped with when it was due, not when it went out, so a publisher that
			// falls behind shows as latency
			long dueMicros = beganMicros + (n * period) / 1_000;
			target.publish(channelOf.apply(n), n, payloadSize(), dueMicros).whenComplete((status, ex) -> {
				if (status != null && status == 200) {
					accepted.incrementAndGet();
				}
				else if (refused.incrementAndGet() == 1) {
					System.out.println("  first refused publish: " + ((ex != null) ? ex : "HTTP " + status));
				}
				// released after counting: the final acquire of every permit then sees
				// every outcome
				inFlight.release();
			});
		}
		inFlight.acquire(PUBLISHERS);
		inFlight.release(PUBLISHERS);
		double achieved = total / ((System.nanoTime() - began) / 1e9);
		if (achieved < perSecond * 0.95) {
			System.out.printf("  WARNING: publishing reached %.0f/s of the %d/s asked%n", achieved, perSecond);
		}
		if (refused.get() > 0) {
			System.out.println("  WARNING: " + refused.get() + " publishes were refused");
		}
		return accepted.get();
	}

	/**
	 * Waits until a condition holds or the time is up.
	 * @return whether it holds
	 */
	static boolean awaitUntil(java.util.function.BooleanSupplier condition, Duration limit)
			throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(5);
		}
		return true;
	}

	/**
	 * This process's CPU time, to show how much of the machine the generator itself used.
	 */
	static long ownCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
