package dev.sockets.benchmarks.load;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Publish-to-receive latencies in microseconds, recorded lock-free per thread and merged
 * once for exact percentiles.
 */
final class Latencies {

	private final Queue<Samples> all = new ConcurrentLinkedQueue<>();

	private final ThreadLocal<Samples> local = ThreadLocal.withInitial(() -> {
		Samples samples = new Samples();
		this.all.add(samples);
		return samples;
	});

	void record(long micros) {
		this.local.get().add(micros);
	}

	void clear() {
		this.all.forEach(Samples::clear);
	}

	Summary summarize() {
		long[] merged = this.all.stream().map(Samples::snapshot).flatMapToLong(Arrays::stream).sorted().toArray();
		int count = merged.length;
		if (count == 0) {
			return new Summary(0, 0, 0, 0);
		}
		return new Summary(count, merged[count / 2], merged[Math.min(count - 1, (int) (count * 0.99))],
				merged[count - 1]);
	}

	/**
	 * Percentiles in microseconds.
	 */
	record Summary(int count, long p50, long p99, long max) {

		String millis() {
			return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms", this.p50 / 1000.0, this.p99 / 1000.0,
					this.max / 1000.0);
		}

	}

	private static final class Samples {

		private long[] values = new long[1 << 16];

		private volatile int size;

		void add(long value) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

		void clear() {
			this.size = 0;
		}

		// read while the owning thread may still be adding: take what is consistent
		long[] snapshot() {
			long[] values = this.values;
			return Arrays.copyOf(values, Math.min(this.size, values.length));
		}

	}

}
