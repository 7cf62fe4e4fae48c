package dev.sockets.broker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The histories of one node's channels, in memory: per channel an epoch, an offset and
 * the last events, within their retention. A channel's log is locked while an event is
 * recorded and delivered, so delivery follows the order of the offsets. Expired logs are
 * swept as histories are used, at most once a second, so no thread of its own runs.
 */
final class MemoryHistory {

	private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final Map<String, Log> logs = new ConcurrentHashMap<>();

	private final Epochs epochs = new Epochs();

	private final LongAdder bytes = new LongAdder();

	private final AtomicLong nextSweep = new AtomicLong(System.nanoTime() + SWEEP_EVERY_NANOS);

	/**
	 * Records a publication and hands it, at its position, to the delivery, before the
	 * next one of its channel is recorded.
	 * @param publication the publication, without a position
	 * @param retention the channel's retention
	 * @param delivery where the recorded publication goes
	 */
	void record(Publication publication, Retention retention, Consumer<Publication> delivery) {
		sweepNow();
		while (true) {
			Log log = this.logs.computeIfAbsent(publication.channel(), (channel) -> new Log());
			synchronized (log) {
				if (log.swept) {
					// removed by a sweep after it was looked up: record in its successor
					continue;
				}
				long now = System.nanoTime();
				String epoch = log.ensureCurrent(now, this.epochs, retention, this.bytes);
				Publication recorded = publication.at(new StreamPosition(epoch, ++log.offset));
				log.add(recorded, retention, now, this.bytes);
				delivery.accept(recorded);
				return;
			}
		}
	}

	/**
	 * Reads a channel's history, starting its epoch when it has none.
	 * @param channel the channel
	 * @param after the offset after which to read, or {@code -1} for the newest
	 * @param limit the most events read
	 * @param retention the channel's retention
	 * @return the history
	 */
	History read(String channel, long after, int limit, Retention retention) {
		sweepNow();
		while (true) {
			Log log = this.logs.computeIfAbsent(channel, (name) -> new Log());
			synchronized (log) {
				if (log.swept) {
					continue;
				}
				String epoch = log.ensureCurrent(System.nanoTime(), this.epochs, retention, this.bytes);
				return new History(new StreamPosition(epoch, log.offset), log.read(after, limit));
			}
		}
	}

	/**
	 * The size of the events kept, in UTF-16 characters of their messages.
	 * @return the characters, about half the bytes they take
	 */
	long characters() {
		return this.bytes.sum();
	}

	/**
	 * How many channels have a history on this node.
	 * @return the count
	 */
	int channels() {
		return this.logs.size();
	}

	private void sweepNow() {
		long now = System.nanoTime();
		long next = this.nextSweep.get();
		if (now - next < 0 || !this.nextSweep.compareAndSet(next, now + SWEEP_EVERY_NANOS)) {
			return;
		}
		for (Iterator<Map.Entry<String, Log>> logs = this.logs.entrySet().iterator(); logs.hasNext();) {
			Log log = logs.next().getValue();
			synchronized (log) {
				if (log.epoch != null && now - log.expiresAt >= 0) {
					log.swept = true;
					log.clear(this.bytes);
					logs.remove();
				}
			}
		}
	}

	/**
	 * One channel's history; guarded by its own lock.
	 */
	private static final class Log {

		private final ArrayDeque<Publication> events = new ArrayDeque<>();

		private @Nullable String epoch;

		private long offset;

		private long expiresAt;

		private boolean swept;

		// a new log, or one that expired, starts a new epoch that lives for the time to
		// live: a channel read before its first event keeps it, so that its first
		// subscribers can recover
		String ensureCurrent(long now, Epochs epochs, Retention retention, LongAdder bytes) {
			String epoch = this.epoch;
			if (epoch != null && now - this.expiresAt < 0) {
				return epoch;
			}
			clear(bytes);
			epoch = epochs.next();
			this.epoch = epoch;
			this.offset = 0;
			this.expiresAt = now + retention.timeToLive().toNanos();
			return epoch;
		}

		void add(Publication recorded, Retention retention, long now, LongAdder bytes) {
			this.events.addLast(recorded);
			bytes.add(recorded.message().length());
			while (this.events.size() > retention.size()) {
				bytes.add(-this.events.removeFirst().message().length());
			}
			this.expiresAt = now + retention.timeToLive().toNanos();
		}

		List<Publication> read(long after, int limit) {
			if (limit <= 0 || this.events.isEmpty()) {
				return List.of();
			}
			List<Publication> read = new ArrayList<>(Math.min(limit, this.events.size()));
			if (after < 0) {
				// the newest, oldest first
				int skip = Math.max(0, this.events.size() - limit);
				for (Publication event : this.events) {
					if (skip-- <= 0) {
						read.add(event);
					}
				}
				return read;
			}
			for (Publication event : this.events) {
				if (offsetOf(event) > after) {
					read.add(event);
					if (read.size() == limit) {
						break;
					}
				}
			}
			return read;
		}

		private static long offsetOf(Publication recorded) {
			StreamPosition position = recorded.position();
			return (position != null) ? position.offset() : 0;
		}

		void clear(LongAdder bytes) {
			for (Publication event : this.events) {
				bytes.add(-event.message().length());
			}
			this.events.clear();
		}

	}

}
