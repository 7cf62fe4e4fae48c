package dev.sockets.benchmarks.load;

import java.time.Duration;
import java.util.List;

/**
 * N connections, each subscribed to one of 100 channels, held idle: connect+subscribe
 * rate, server heap and RSS per connection after a full GC, idle CPU per connection, and
 * drops during the hold.
 */
final class IdleScenario {

	private final Bench bench;

	IdleScenario(Bench bench) {
		this.bench = bench;
	}

	void run() throws Exception {
		int count = this.bench.options().integer("connections", 1000);
		Duration hold = this.bench.options().seconds("hold", 60);
		Target target = this.bench.target(this.bench.targetName());
		System.out.printf("idle: %d connections held for %s%n", count, hold);
		// connections opened and closed first, so the measured storm runs compiled code,
		// as a server that has been up a while does
		int warmup = this.bench.options().integer("warmup", 2000);
		if (warmup > 0) {
			List<BenchClient> warming = this.bench.clients().connect(target, warmup, (i) -> "warmup", true);
			this.bench.clients().close(warming);
			Thread.sleep(2000);
		}
		ServerStats empty = ServerStats.read(this.bench.statsBase(), true);
		long began = System.nanoTime();
		List<BenchClient> clients = this.bench.clients().connect(target, count, (i) -> "idle-" + (i % 100), true);
		double connectSeconds = (System.nanoTime() - began) / 1e9;
		// the CPU the connection storm took, before a collection adds its own
		ServerStats connected = ServerStats.read(this.bench.statsBase(), false);
		ServerStats full = ServerStats.read(this.bench.statsBase(), true);
		// idle CPU over the second half of the hold, once the JIT has finished compiling
		// the connection storm
		Thread.sleep(hold.toMillis() / 2);
		ServerStats holdStart = ServerStats.read(this.bench.statsBase(), false);
		Thread.sleep(hold.toMillis() / 2);
		ServerStats holdEnd = ServerStats.read(this.bench.statsBase(), false);
		long dropped = clients.stream().filter((c) -> c.closed.isDone()).count();
		Report report = new Report(this.bench.name("idle-" + count), target.name(), this.bench.results());
		report.put("connections", count)
			.put("holdSeconds", hold.toSeconds())
			.put("connectSubscribePerSecond", count / connectSeconds)
			.put("connectCpuMicrosPerConnection", (connected.cpuNanos() - empty.cpuNanos()) / 1e3 / count)
			.put("connectJvmCpuMicrosPerConnection", jvmOwnCpuNanos(empty, connected) / 1e3 / count)
			.put("serverConnectionsAtEnd", holdEnd.connections())
			.put("dropped", dropped)
			.put("heapBytesPerConnection", (double) (full.heapUsed() - empty.heapUsed()) / count)
			.put("rssBytesPerConnection", (double) (full.rss() - empty.rss()) / count)
			.put("idleCpuMicrosPerSecondPerConnection",
					(holdEnd.cpuNanos() - holdStart.cpuNanos()) / 1000.0 / (hold.toSeconds() / 2.0) / count)
			.put("serverThreads", holdEnd.threads());
		report.write();
		this.bench.clients().close(clients);
	}

	/**
	 * What the JVM itself (JIT compilers, GC) spent between two snapshots, or 0 where the
	 * server is not a JVM.
	 */
	private static long jvmOwnCpuNanos(ServerStats from, ServerStats to) {
		if (from.javaThreadsCpuNanos() < 0) {
			return 0;
		}
		return (to.cpuNanos() - from.cpuNanos()) - (to.javaThreadsCpuNanos() - from.javaThreadsCpuNanos());
	}

}
