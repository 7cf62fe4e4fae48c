package dev.sockets.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A snapshot of the server process: heap (after a full GC when asked), CPU time, RSS and
 * connections. The server runs on this machine, so RSS comes from its {@code /proc}
 * entry.
 *
 * @param heapUsed heap in use, bytes
 * @param cpuNanos process CPU time so far
 * @param javaThreadsCpuNanos the live Java threads' share of it (the rest is the JVM's
 * own: JIT compilers and GC), or -1 where the server is not a JVM
 * @param rss resident set size, bytes
 * @param connections open sockets connections
 * @param threads live threads
 */
record ServerStats(long heapUsed, long cpuNanos, long javaThreadsCpuNanos, long rss, int connections, int threads) {

	// HTTP/1.1 only: an h2c upgrade offer would reach a Node server's WebSocket upgrade
	// handler
	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	static ServerStats read(String base, boolean gc) throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(
				HttpRequest.newBuilder(URI.create(base + "/bench/stats?gc=" + gc)).build(),
				HttpResponse.BodyHandlers.ofString());
		JsonNode stats = JsonMapper.shared().readTree(response.body());
		long pid = stats.get("pid").longValue();
		JsonNode javaThreads = stats.get("javaThreadsCpuNanos");
		return new ServerStats(stats.get("heapUsed").longValue(), stats.get("cpuNanos").longValue(),
				(javaThreads != null) ? javaThreads.longValue() : -1, rss(pid),
				stats.get("connections").intValue() + stats.get("rawSessions").intValue(),
				stats.get("threads").intValue());
	}

	private static long rss(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		return -1;
	}

}
