package dev.sockets.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two nodes through Redis: subscribers on node B, signed HTTP API publishes on node A, so
 * every delivery crosses Redis. Reports the usual window figures (the publisher's CPU),
 * node B's CPU per delivery, and the Redis {@code PUBLISH} calls per message, read from
 * Redis's command statistics.
 */
final class ClusterScenario {

	private static final Pattern PUBLISH_CALLS = Pattern.compile("cmdstat_publish:calls=(\\d+)");

	private final Bench bench;

	ClusterScenario(Bench bench) {
		this.bench = bench;
	}

	void run() throws Exception {
		int subscribers = this.bench.options().integer("subscribers", 1000);
		int rate = this.bench.options().integer("rate", 20);
		Duration duration = this.bench.options().seconds("duration", 20);
		String nodeB = this.bench.options().string("subscribe-url", "http://127.0.0.1:8091");
		String nodeBStats = this.bench.options().string("subscribe-stats-url", nodeB);
		int redisPort = this.bench.options().integer("redis-port", 6379);
		Target publisher = this.bench.target(this.bench.targetName());
		Target subscribed = new Target(publisher.name(), nodeB);
		System.out.printf("cluster: %d subscribers on %s, %d publishes/s on %s for %s%n", subscribers, nodeB, rate,
				publisher.base(), duration);
		List<BenchClient> clients = this.bench.clients().connect(subscribed, subscribers, (i) -> "fanout", true);
		// warm-up, not measured; it also proves node B's Redis subscription is in place
		long warmStart = Bench.received(clients);
		long warmed = this.bench.publishAtRate(publisher, rate, Duration.ofSeconds(3), (n) -> "fanout");
		Bench.awaitUntil(() -> Bench.received(clients) - warmStart >= warmed * clients.size(), Duration.ofSeconds(30));
		Report report = new Report(this.bench.name("cluster-" + subscribers), publisher.name(), this.bench.results());
		report.put("subscribers", subscribers).put("publishRate", rate);
		long callsBefore = publishCalls(redisPort);
		ServerStats deliveringBefore = ServerStats.read(nodeBStats, false);
		Window window = Window.measure(this.bench, publisher, clients, rate, duration, (n) -> "fanout", clients.size());
		ServerStats deliveringAfter = ServerStats.read(nodeBStats, false);
		long calls = publishCalls(redisPort) - callsBefore;
		// node B's CPU: what receiving from Redis and delivering costs, the publisher's
		// HTTP work left out
		window.addTo(report)
			.put("deliveringNodeCpuMicrosPerDelivery",
					(deliveringAfter.cpuNanos() - deliveringBefore.cpuNanos()) / 1000.0
							/ Math.max(1, window.delivered()))
			.put("redisPublishesPerMessage", (double) calls / Math.max(1, window.published()));
		report.write();
		this.bench.clients().close(clients);
	}

	// INFO commandstats over a plain socket: the generator needs no Redis client
	private static long publishCalls(int port) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(2000);
			socket.getOutputStream().write("INFO commandstats\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			StringBuilder reply = new StringBuilder();
			byte[] buffer = new byte[8192];
			int length = -1;
			while (length < 0 || reply.length() < length) {
				int n = in.read(buffer);
				if (n < 0) {
					break;
				}
				reply.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
				int newline = reply.indexOf("\r\n");
				if (length < 0 && newline > 0) {
					length = Integer.parseInt(reply.substring(1, newline)) + newline + 4;
				}
			}
			Matcher calls = PUBLISH_CALLS.matcher(reply);
			return calls.find() ? Long.parseLong(calls.group(1)) : 0;
		}
	}

}
