package dev.sockets.benchmarks.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.sockets.broker.Broadcast;
import dev.sockets.broker.Broadcaster;
import dev.sockets.broker.Broker;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.redis.RedisBroker;
import dev.sockets.redis.RedisBrokerStatus;

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

	private final Broadcaster broadcaster;

	private final Broker broker;

	BenchmarkController(RawFanOutHandler raw, ConnectionRegistry connections, Broadcaster broadcaster, Broker broker) {
		this.raw = raw;
		this.connections = connections;
		this.broadcaster = broadcaster;
		this.broker = broker;
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
		// the Java threads' share of it; the rest is the JVM's own (JIT compilers, GC)
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		stats.put("javaThreadsCpuNanos",
				Arrays.stream(threads.getThreadCpuTime(threads.getAllThreadIds())).filter((t) -> t > 0).sum());
		stats.put("threads", threads.getThreadCount());
		stats.put("connections", this.connections.size());
		stats.put("rawSessions", this.raw.size());
		if (this.broker instanceof RedisBroker redis) {
			RedisBrokerStatus status = redis.status();
			stats.put("brokerAcknowledged", status.published());
			stats.put("brokerRefused", status.refused());
			stats.put("brokerReceived", status.received());
		}
		return stats;
	}

	/**
	 * The broker alone: {@code count} broadcasts of a small event to one channel from
	 * {@code threads} threads at once, each keeping at most {@code window} waiting for
	 * Redis (as callers that wait for the acknowledgement do), until every one is
	 * acknowledged or refused. Answers how many of each and how long.
	 */
	@PostMapping("/bench/broadcast")
	Map<String, Object> broadcast(@RequestParam int count, @RequestParam(defaultValue = "8") int threads,
			@RequestParam(defaultValue = "1000") int window, @RequestParam(defaultValue = "broker") String channel)
			throws Exception {
		AtomicLong acknowledged = new AtomicLong();
		AtomicLong refused = new AtomicLong();
		CountDownLatch done = new CountDownLatch(count);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long start = System.nanoTime();
		try {
			for (int t = 0; t < threads; t++) {
				int from = t * count / threads;
				int to = (t + 1) * count / threads;
				pool.execute(() -> {
					Broadcast broadcast = this.broadcaster.to(channel);
					Semaphore waiting = new Semaphore(window);
					for (int i = from; i < to; i++) {
						waiting.acquireUninterruptibly();
						broadcast.emitRaw("tick", Integer.toString(i)).whenComplete((ok, failure) -> {
							((failure == null) ? acknowledged : refused).incrementAndGet();
							waiting.release();
							done.countDown();
						});
					}
				});
			}
			boolean finished = done.await(120, TimeUnit.SECONDS);
			long nanos = System.nanoTime() - start;
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("finished", finished);
			result.put("acknowledged", acknowledged.get());
			result.put("refused", refused.get());
			result.put("nanos", nanos);
			return result;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Publishes a pre-encoded frame (the body) to every raw session.
	 */
	@PostMapping("/raw/publish")
	Map<String, Object> publishRaw(@RequestBody String frame) {
		return Map.of("written", this.raw.publish(new TextMessage(frame)));
	}

}
