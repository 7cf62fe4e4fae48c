package dev.sockets.benchmarks.load;

import java.time.Duration;
import java.util.List;

/**
 * The HTTP API's own cost: signed publishes at a fixed rate to a channel nobody is
 * subscribed to, so the server's CPU per publish is the request alone (parse, verify,
 * route, answer) and no fan-out.
 */
final class ApiScenario {

	private final Bench bench;

	ApiScenario(Bench bench) {
		this.bench = bench;
	}

	void run() throws Exception {
		int rate = this.bench.options().integer("rate", 1000);
		Duration duration = this.bench.options().seconds("duration", 20);
		Target target = this.bench.target(this.bench.targetName());
		System.out.printf("api: %d publishes/s to an empty channel for %s%n", rate, duration);
		// warm-up, not measured, as in the channels scenario
		this.bench.publishAtRate(target, rate, Duration.ofSeconds(10), (n) -> "nobody");
		Window window = Window.measure(this.bench, target, List.of(), rate, duration, (n) -> "nobody", 0);
		Report report = new Report(this.bench.name("api"), target.name(), this.bench.results());
		window.addTo(report.put("publishRate", rate)).write();
	}

}
