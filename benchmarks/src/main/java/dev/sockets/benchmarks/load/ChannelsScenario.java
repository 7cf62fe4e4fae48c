package dev.sockets.benchmarks.load;

import java.time.Duration;
import java.util.List;

/**
 * Many channels with few subscribers each: every publish goes to one channel, chosen
 * round robin.
 */
final class ChannelsScenario {

	private final Bench bench;

	ChannelsScenario(Bench bench) {
		this.bench = bench;
	}

	void run() throws Exception {
		int connections = this.bench.options().integer("connections", 5000);
		int perChannel = this.bench.options().integer("per-channel", 5);
		int rate = this.bench.options().integer("rate", 1000);
		Duration duration = this.bench.options().seconds("duration", 20);
		int channels = connections / perChannel;
		Target target = this.bench.target(this.bench.targetName());
		System.out.printf("channels: %d channels x %d subscribers, %d publishes/s for %s%n", channels, perChannel, rate,
				duration);
		List<BenchClient> clients = this.bench.clients()
			.connect(target, connections, (i) -> "ch-" + (i % channels), true);
		// warm-up, not measured: the HTTP request path is large, and on two busy cores
		// the JIT takes a while
		long warmStart = Bench.received(clients);
		long warmed = this.bench.publishAtRate(target, rate, Duration.ofSeconds(10), (n) -> "ch-" + (n % channels));
		Bench.awaitUntil(() -> Bench.received(clients) - warmStart >= warmed * perChannel, Duration.ofSeconds(30));
		Window window = Window.measure(this.bench, target, clients, rate, duration, (n) -> "ch-" + (n % channels),
				perChannel);
		Report report = new Report(this.bench.name("channels-" + channels), target.name(), this.bench.results());
		window.addTo(report.put("channels", channels).put("subscribersPerChannel", perChannel).put("publishRate", rate))
			.write();
		this.bench.clients().close(clients);
	}

}
