package dev.sockets.broker;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Internal: new epochs for channels' histories, never one that this or any other node,
 * before or after a restart, made before: a random token per instance (63 bits, so two
 * nodes sharing one is improbable) and a counter.
 */
public final class Epochs {

	private final String node;

	private final AtomicLong count = new AtomicLong();

	/**
	 * Creates the epochs of one node, with a token of its own.
	 */
	public Epochs() {
		this.node = Long.toString(new SecureRandom().nextLong() >>> 1, 36);
	}

	/**
	 * A new epoch: at most 27 letters, digits and {@code -}.
	 * @return the epoch
	 */
	public String next() {
		return this.node + "-" + Long.toString(this.count.incrementAndGet(), 36);
	}

}
