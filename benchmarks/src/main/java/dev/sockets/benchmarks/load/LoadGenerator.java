package dev.sockets.benchmarks.load;

import java.nio.file.Path;

/**
 * Runs one scenario against a running benchmark server: <pre>
 * java ... LoadGenerator --scenario=fanout --subscribers=1000 --rate=80 --duration=20 [--url=http://127.0.0.1:8090]
 * </pre> Scenarios: {@code idle}, {@code fanout}, {@code channels}, {@code api},
 * {@code churn}, {@code slow}, {@code cluster}, {@code broker}. Every run is bounded by
 * its options; results are appended to {@code --results} (default
 * {@code results/load.jsonl}).
 */
public final class LoadGenerator {

	private LoadGenerator() {
	}

	public static void main(String[] args) throws Exception {
		Options options = new Options(args);
		String base = options.string("url", "http://127.0.0.1:8090");
		Path results = Path.of(options.string("results", "results/load.jsonl"));
		Latencies latencies = new Latencies();
		try (Clients clients = new Clients(latencies, options.integer("loops", 2))) {
			Bench bench = new Bench(options, base, results, clients, latencies);
			String scenario = options.string("scenario", "fanout");
			switch (scenario) {
				case "idle" -> new IdleScenario(bench).run();
				case "fanout" -> new FanOutScenario(bench).run();
				case "channels" -> new ChannelsScenario(bench).run();
				case "churn" -> new ChurnScenario(bench).run();
				case "slow" -> new SlowConsumerScenario(bench).run();
				case "cluster" -> new ClusterScenario(bench).run();
				case "broker" -> new BrokerScenario(bench).run();
				case "api" -> new ApiScenario(bench).run();
				default -> throw new IllegalArgumentException("Unknown scenario '" + scenario
						+ "'; use idle, fanout, channels, api, churn, slow, cluster or broker");
			}
		}
		System.exit(0);
	}

}
