package dev.sockets.test.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The frames a connection received: each is kept until a test takes it, so a test may
 * wait for events in any order, and everything stays visible for failure messages.
 */
final class Inbox {

	private final List<ReceivedFrame> pending = new ArrayList<>();

	private final List<ReceivedFrame> all = new ArrayList<>();

	private @Nullable Integer closeCode;

	synchronized void add(ReceivedFrame frame) {
		this.pending.add(frame);
		this.all.add(frame);
		notifyAll();
	}

	synchronized void closed(int code) {
		if (this.closeCode == null) {
			this.closeCode = code;
		}
		notifyAll();
	}

	/**
	 * Takes the first frame that matches, waiting for it.
	 * @throws AssertionError if none arrives in time, or the connection closes first
	 */
	synchronized ReceivedFrame take(Predicate<ReceivedFrame> wanted, Duration timeout, Supplier<String> what) {
		ReceivedFrame frame = poll(wanted, timeout);
		if (frame == null) {
			String why = (this.closeCode != null) ? "before the connection closed with " + this.closeCode
					: "within " + timeout;
			throw new AssertionError("Expected " + what.get() + " " + why + "; received " + described());
		}
		return frame;
	}

	/**
	 * Takes the first frame that matches, or {@code null} when none arrives in time or
	 * the connection closes first.
	 */
	synchronized @Nullable ReceivedFrame poll(Predicate<ReceivedFrame> wanted, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			for (Iterator<ReceivedFrame> frames = this.pending.iterator(); frames.hasNext();) {
				ReceivedFrame frame = frames.next();
				if (wanted.test(frame)) {
					frames.remove();
					return frame;
				}
			}
			long left = deadline - System.nanoTime();
			if (left <= 0 || this.closeCode != null) {
				return null;
			}
			Interruptions.run(() -> TimeUnit.NANOSECONDS.timedWait(this, left));
		}
	}

	synchronized @Nullable Integer awaitClose(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.closeCode == null) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			Interruptions.run(() -> TimeUnit.NANOSECONDS.timedWait(this, left));
		}
		return this.closeCode;
	}

	// the last frames only: a firehose test receives thousands
	private String described() {
		int shown = 50;
		if (this.all.size() <= shown) {
			return this.all.toString();
		}
		return this.all.size() + " frames, the last " + shown + ": "
				+ this.all.subList(this.all.size() - shown, this.all.size());
	}

	synchronized boolean isClosed() {
		return this.closeCode != null;
	}

	synchronized List<ReceivedFrame> all() {
		return List.copyOf(this.all);
	}

}
