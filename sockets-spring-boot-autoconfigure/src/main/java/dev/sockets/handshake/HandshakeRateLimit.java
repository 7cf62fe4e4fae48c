package dev.sockets.handshake;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;

/**
 * Internal: refuses, with 429 and {@code Retry-After} before the upgrade, handshakes from
 * an address that opens connections faster than its allowance: a token bucket per client
 * address (the address the server resolves: on the servlet transport Boot honours
 * {@code server.forward-headers-strategy}), refilled at a steady rate up to a burst. Runs
 * first, as the cheapest check. Addresses idle long enough to have a full bucket again
 * are forgotten, so the table holds only the addresses that connected lately.
 */
public final class HandshakeRateLimit implements SocketHandshakeInterceptor, Ordered {

	private static final int SWEEP_EVERY = 4096;

	private final double perNano;

	private final double burst;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final AtomicInteger handshakes = new AtomicInteger();

	private final LongAdder refused = new LongAdder();

	/**
	 * Creates the limit.
	 * @param perSecond handshakes per second one address may make on average; 0 for no
	 * limit
	 * @param burst handshakes it may make at once above that
	 */
	public HandshakeRateLimit(int perSecond, int burst) {
		this.perNano = perSecond / 1e9;
		this.burst = burst;
	}

	@Override
	public @Nullable HandshakeRefusal beforeHandshake(ClientRequest request) {
		if (this.perNano == 0) {
			return null;
		}
		long now = System.nanoTime();
		if (this.handshakes.incrementAndGet() % SWEEP_EVERY == 0) {
			this.buckets.values().removeIf((bucket) -> bucket.isFull(now));
		}
		String address = client(request.remoteAddress());
		long waitNanos = this.buckets.computeIfAbsent(address, (key) -> new Bucket(this.burst, now)).take(now);
		if (waitNanos == 0) {
			return null;
		}
		this.refused.increment();
		long seconds = Math.max(1, (waitNanos + 999_999_999) / 1_000_000_000);
		return HandshakeRefusal
			.of(HttpStatus.TOO_MANY_REQUESTS, "Too many connections from this address; retry in " + seconds + " s")
			.withHeader("Retry-After", Long.toString(seconds));
	}

	// an IPv6 client holds a whole /64, so that is what counts as one address
	private static String client(@Nullable InetSocketAddress remote) {
		InetAddress address = (remote != null) ? remote.getAddress() : null;
		if (address == null) {
			return "unknown";
		}
		if (address instanceof Inet6Address) {
			return HexFormat.of().formatHex(address.getAddress(), 0, 8) + "::/64";
		}
		return address.getHostAddress();
	}

	/**
	 * Handshakes refused for their address's rate.
	 * @return the count
	 */
	public long refusedCount() {
		return this.refused.sum();
	}

	@Override
	public int getOrder() {
		return RATE_LIMIT_ORDER;
	}

	private final class Bucket {

		private double tokens;

		private long updatedAt;

		Bucket(double tokens, long now) {
			this.tokens = tokens;
			this.updatedAt = now;
		}

		// 0 when taken; otherwise how long until one is there
		synchronized long take(long now) {
			refill(now);
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return 0;
			}
			return (long) ((1 - this.tokens) / HandshakeRateLimit.this.perNano);
		}

		synchronized boolean isFull(long now) {
			refill(now);
			return this.tokens >= HandshakeRateLimit.this.burst;
		}

		// a thread that read the clock before another took the lock must not move it back
		private void refill(long now) {
			if (now - this.updatedAt <= 0) {
				return;
			}
			this.tokens = Math.min(HandshakeRateLimit.this.burst,
					this.tokens + (now - this.updatedAt) * HandshakeRateLimit.this.perNano);
			this.updatedAt = now;
		}

	}

}
