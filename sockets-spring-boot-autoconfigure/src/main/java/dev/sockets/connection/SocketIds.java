package dev.sockets.connection;

import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Internal: makes socket ids of the form {@code <node>.<sequence>} ({@code ^\d+\.\d+$},
 * as the Pusher SDKs require). The node part is a random number drawn once per process
 * from 2^62 values, so two nodes collide with negligible probability. The sequence part
 * is a counter that never repeats within a process, followed by 20 random bits, so ids
 * are never reused and one connection's id does not reveal its neighbours'.
 */
public final class SocketIds {

	private static final int RANDOM_BITS = 20;

	private final long node;

	private final AtomicLong sequence = new AtomicLong();

	/**
	 * Creates a generator with a random node number.
	 */
	public SocketIds() {
		this.node = 1 + (new SecureRandom().nextLong() >>> 2);
	}

	/**
	 * The next socket id.
	 * @return a fresh, never reused id
	 */
	public String next() {
		// ThreadLocalRandom rather than SecureRandom, which is synchronized: uniqueness
		// comes from the counter, the
		// suffix only makes neighbours hard to guess
		long suffix = ThreadLocalRandom.current().nextInt(1 << RANDOM_BITS);
		return this.node + "." + ((this.sequence.incrementAndGet() << RANDOM_BITS) | suffix);
	}

	/**
	 * This process's node number, the part before the dot.
	 * @return the node number
	 */
	public long node() {
		return this.node;
	}

}
