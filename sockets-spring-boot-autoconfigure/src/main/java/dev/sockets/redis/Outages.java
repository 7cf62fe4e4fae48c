package dev.sockets.redis;

/**
 * The broker's up and down transitions: how many outages there were and how long they
 * lasted. It starts down, since nothing has proved Redis reachable yet; the first canary
 * does not count as the end of an outage.
 */
final class Outages {

	private boolean down = true;

	private boolean everUp;

	private long count;

	private long downSince = System.nanoTime();

	private long totalNanos;

	/**
	 * Marks the broker up.
	 * @return {@code true} if it was down
	 */
	synchronized boolean up() {
		if (!this.down) {
			return false;
		}
		this.down = false;
		if (this.everUp) {
			this.totalNanos += System.nanoTime() - this.downSince;
		}
		this.everUp = true;
		return true;
	}

	/**
	 * Marks the broker down.
	 * @return {@code true} if it was up
	 */
	synchronized boolean down() {
		if (this.down) {
			return false;
		}
		this.down = true;
		this.count++;
		this.downSince = System.nanoTime();
		return true;
	}

	synchronized boolean isDown() {
		return this.down;
	}

	synchronized long count() {
		return this.count;
	}

	synchronized long totalMillis() {
		long total = this.totalNanos;
		if (this.down && this.everUp) {
			total += System.nanoTime() - this.downSince;
		}
		return total / 1_000_000;
	}

}
