package dev.sockets.benchmarks.load;

import java.nio.charset.StandardCharsets;

/**
 * What a target speaks on its WebSockets, and how a benchmark event looks in it.
 */
enum Protocol {

	/**
	 * Pusher Channels: the sockets starter on either transport. The event's data is a
	 * JSON string, so its timestamp field is escaped.
	 */
	PUSHER("{\"event\":\"" + BenchClient.EVENT + "\"", "\\\"t\\\":"),

	/**
	 * No protocol: every socket gets every published frame, a Pusher event frame encoded
	 * by the publisher (the servlet container's raw handler, Node's {@code ws}).
	 */
	RAW("{\"event\":\"" + BenchClient.EVENT + "\"", "\\\"t\\\":"),

	/**
	 * Socket.IO 4 over its WebSocket transport (Engine.IO 4): rooms joined with a
	 * {@code subscribe} event, events as {@code 42["bench",{...}]}.
	 */
	SOCKET_IO("42[\"" + BenchClient.EVENT + "\"", "\"t\":");

	final byte[] eventPrefix;

	final byte[] timestamp;

	Protocol(String eventPrefix, String timestamp) {
		this.eventPrefix = eventPrefix.getBytes(StandardCharsets.US_ASCII);
		this.timestamp = timestamp.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * The protocol of a target, by its name.
	 * @param target {@code sockets}, {@code sockets-netty}, {@code raw}, {@code ws} or
	 * {@code socketio}
	 * @return its protocol
	 */
	static Protocol of(String target) {
		if (target.startsWith("sockets")) {
			return PUSHER;
		}
		return switch (target) {
			case "raw", "ws" -> RAW;
			case "socketio" -> SOCKET_IO;
			default -> throw new IllegalArgumentException(
					"Unknown target '" + target + "'; use sockets, sockets-netty, raw, ws or socketio");
		};
	}

}
