package dev.sockets.connection;

/**
 * Internal: a connection's allowance of messages: a token bucket holding up to a burst,
 * refilled at a steady rate, and the count of messages refused in a row since the last
 * one allowed. Used from the connection's lane only, so it needs no lock.
 */
public final class MessageRate {

	private final double perNano;

	private final double burst;

	private final int maxRefused;

	private double tokens;

	private long updatedAt;

	private int refusedInARow;

	/**
	 * Creates a full allowance.
	 * @param perSecond messages per second on average
	 * @param burst messages at once above that
	 * @param maxRefused messages refused in a row that make the sender abusive
	 * @param now the current {@link System#nanoTime()}
	 */
	public MessageRate(int perSecond, int burst, int maxRefused, long now) {
		this.perNano = perSecond / 1e9;
		this.burst = burst;
		this.maxRefused = maxRefused;
		this.tokens = burst;
		this.updatedAt = now;
	}

	/**
	 * Takes one message from the allowance.
	 * @param now the current {@link System#nanoTime()}
	 * @return whether it is allowed, refused, or refused once too often in a row
	 */
	public Verdict take(long now) {
		this.tokens = Math.min(this.burst, this.tokens + (now - this.updatedAt) * this.perNano);
		this.updatedAt = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			this.refusedInARow = 0;
			return Verdict.ALLOWED;
		}
		this.refusedInARow++;
		if (this.refusedInARow > this.maxRefused) {
			return Verdict.IGNORED;
		}
		return (this.refusedInARow == this.maxRefused) ? Verdict.ABUSIVE : Verdict.REFUSED;
	}

	/**
	 * What {@link #take} decided.
	 */
	public enum Verdict {

		/** Within the allowance. */
		ALLOWED,

		/** Over it: dropped, the sender told. */
		REFUSED,

		/** Over it for too long: the sender is closed. */
		ABUSIVE,

		/** Arrived after the sender was found abusive, while it closes: dropped. */
		IGNORED

	}

}
