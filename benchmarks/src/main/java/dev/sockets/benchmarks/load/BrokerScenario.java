package dev.sockets.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis broker alone, two nodes: node A broadcasts as fast as its {@code Broadcaster}
 * takes events, from several threads, to a channel one client on node B subscribes to.
 * Reports the publications per second Redis acknowledged, the refusals, and whether node
 * B received every acknowledged one.
 */
final class BrokerScenario {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.shared();

	private final Bench bench;

	BrokerScenario(Bench bench) {
		this.bench = bench;
	}

	void run() throws Exception {
		int count = this.bench.options().integer("count", 200_000);
		int threads = this.bench.options().integer("threads", 8);
		int window = this.bench.options().integer("window", 1000);
		String nodeA = this.bench.base();
		String nodeB = this.bench.options().string("subscribe-url", "http://127.0.0.1:8091");
		System.out.printf("broker: %d broadcasts from %d threads on %s, one subscriber on %s%n", count, threads, nodeA,
				nodeB);
		List<BenchClient> listener = this.bench.clients()
			.connect(new Target("sockets", nodeB), 1, (i) -> "broker", true);
		// warm-up, not measured; it also proves node B listens to the channel
		long receivedBefore = received(nodeB);
		broadcast(nodeA, 20_000, threads, window);
		Bench.awaitUntil(() -> received(nodeB) - receivedBefore >= 20_000, Duration.ofSeconds(60));
		long before = received(nodeB);
		Map<?, ?> result = broadcast(nodeA, count, threads, window);
		long acknowledged = ((Number) result.get("acknowledged")).longValue();
		long refused = ((Number) result.get("refused")).longValue();
		double seconds = ((Number) result.get("nanos")).longValue() / 1e9;
		Bench.awaitUntil(() -> received(nodeB) - before >= acknowledged, Duration.ofSeconds(60));
		long received = received(nodeB) - before;
		System.out.printf("acknowledged %d, refused %d in %.2f s: %.0f publications/s; node B received %d%n",
				acknowledged, refused, seconds, acknowledged / seconds, received);
		new Report(this.bench.name("broker-" + threads), "sockets", this.bench.results()).put("broadcasts", count)
			.put("threads", threads)
			.put("windowPerThread", window)
			.put("acknowledged", acknowledged)
			.put("refused", refused)
			.put("publicationsPerSecond", acknowledged / seconds)
			.put("receivedByOtherNode", received)
			.put("lostAfterAcknowledgement", Math.max(0, acknowledged - received))
			.write();
		this.bench.clients().close(listener);
	}

	private static Map<?, ?> broadcast(String node, int count, int threads, int window) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(
					URI.create(node + "/bench/broadcast?count=" + count + "&threads=" + threads + "&window=" + window))
			.timeout(Duration.ofSeconds(180))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		return JSON.readValue(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body(), Map.class);
	}

	private static long received(String node) {
		try {
			String body = HTTP
				.send(HttpRequest.newBuilder(URI.create(node + "/bench/stats")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			Object received = JSON.readValue(body, Map.class).get("brokerReceived");
			return (received instanceof Number number) ? number.longValue() : -1;
		}
		catch (Exception ex) {
			return -1;
		}
	}

}
