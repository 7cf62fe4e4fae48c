package dev.sockets.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.sockets.protocol.PusherError;

/**
 * Internal: what the endpoint counted since startup: connections opened and closed (by
 * close code, from a fixed set so metric tags stay bounded), handshakes refused after the
 * upgrade (unknown app key, unsupported protocol) and messages received from clients.
 */
public final class ConnectionStats {

	/** Close codes counted on their own; every other code counts as {@code other}. */
	public static final List<String> CLOSE_CODES = List.of("1000", "1001", "1006", "1011",
			code(PusherError.APP_NOT_FOUND), code(PusherError.OVER_QUOTA), code(PusherError.UNSUPPORTED_PROTOCOL),
			code(PusherError.UNAUTHORIZED), code(PusherError.OVER_CAPACITY), code(PusherError.RECONNECT),
			code(PusherError.PONG_TIMEOUT), "other");

	/** Reasons a connection is refused once upgraded. */
	public static final List<String> REFUSALS = List.of("app_key", "protocol", "max_connections",
			"max_connections_per_user", "draining");

	/** Reasons a client's message is refused. */
	public static final List<String> MESSAGE_REFUSALS = List.of("rate", "abuse");

	private final LongAdder opened = new LongAdder();

	private final LongAdder received = new LongAdder();

	private final Map<String, LongAdder> closed = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> refusedMessages = new ConcurrentHashMap<>();

	ConnectionStats() {
		CLOSE_CODES.forEach((code) -> this.closed.put(code, new LongAdder()));
		REFUSALS.forEach((reason) -> this.refused.put(reason, new LongAdder()));
		MESSAGE_REFUSALS.forEach((reason) -> this.refusedMessages.put(reason, new LongAdder()));
	}

	void refusedMessage(String reason) {
		this.refusedMessages.get(reason).increment();
	}

	/**
	 * Client messages refused.
	 * @param reason one of {@link #MESSAGE_REFUSALS}
	 * @return the count
	 */
	public long refusedMessageCount(String reason) {
		return this.refusedMessages.get(reason).sum();
	}

	private static String code(PusherError error) {
		return String.valueOf(error.code());
	}

	void opened() {
		this.opened.increment();
	}

	void closed(int code) {
		String key = String.valueOf(code);
		this.closed.get(this.closed.containsKey(key) ? key : "other").increment();
	}

	void refused(String reason) {
		this.refused.get(reason).increment();
	}

	void received() {
		this.received.increment();
	}

	/**
	 * Connections opened.
	 * @return the count
	 */
	public long openedCount() {
		return this.opened.sum();
	}

	/**
	 * Connections closed with a close code.
	 * @param code one of {@link #CLOSE_CODES}
	 * @return the count
	 */
	public long closedCount(String code) {
		return this.closed.get(code).sum();
	}

	/**
	 * Connections refused once upgraded.
	 * @param reason one of {@link #REFUSALS}
	 * @return the count
	 */
	public long refusedCount(String reason) {
		return this.refused.get(reason).sum();
	}

	/**
	 * Messages received from clients.
	 * @return the count
	 */
	public long receivedCount() {
		return this.received.sum();
	}

}
