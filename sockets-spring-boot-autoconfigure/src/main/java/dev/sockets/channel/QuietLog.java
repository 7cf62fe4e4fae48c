package dev.sockets.channel;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * A warning that clients can cause over and over (subscribing to a slow channel, say):
 * written at most once per interval, with the number left out since, so one client cannot
 * flood the log.
 */
final class QuietLog {

	private final Log logger;

	private final long intervalNanos;

	private final AtomicLong nextAt = new AtomicLong(Long.MIN_VALUE);

	private final AtomicLong suppressed = new AtomicLong();

	QuietLog(Log logger, Duration interval) {
		this.logger = logger;
		this.intervalNanos = interval.toNanos();
	}

	void warn(String message, @Nullable Throwable cause) {
		long now = System.nanoTime();
		long next = this.nextAt.get();
		if ((next != Long.MIN_VALUE && now - next < 0) || !this.nextAt.compareAndSet(next, now + this.intervalNanos)) {
			this.suppressed.incrementAndGet();
			return;
		}
		long left = this.suppressed.getAndSet(0);
		this.logger.warn((left > 0) ? message + " (and " + left + " more like it since the last report)" : message,
				cause);
	}

}
