package dev.sockets.benchmarks.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.sockets.connection.ConnectionRegistry;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.TextMessage;

/**
 * What the load generator asks the server: its heap, CPU and connection count, and
 * publishes to the raw baseline.
 */
@RestController
class BenchmarkController {

	private final RawFanOutHandler raw;

	private final ConnectionRegistry connections;

	BenchmarkController(RawFanOutHandler raw, ConnectionRegistry connections) {
		this.raw = raw;
		this.connections = connections;
	}

	/**
	 * Heap (optionally after a full GC), process CPU time and connections.
	 */
	@GetMapping("/bench/stats")
	Map<String, Object> stats(@RequestParam(defaultValue = "false") boolean gc) {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		if (gc) {
			System.gc();
			System.gc();
		}
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		Map<String, Object> stats = new LinkedHashMap<>();
		stats.put("pid", ProcessHandle.current().pid());
		stats.put("heapUsed", memory.getHeapMemoryUsage().getUsed());
		stats.put("nonHeapUsed", memory.getNonHeapMemoryUsage().getUsed());
		stats.put("cpuNanos", os.getProcessCpuTime());
		stats.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
		stats.put("connections", this.connections.size());
		stats.put("rawSessions", this.raw.size());
		return stats;
	}

	/**
	 * Publishes a pre-encoded frame (the body) to every raw session.
	 */
	@PostMapping("/raw/publish")
	Map<String, Object> publishRaw(@RequestBody String frame) {
		return Map.of("written", this.raw.publish(new TextMessage(frame)));
	}

}
