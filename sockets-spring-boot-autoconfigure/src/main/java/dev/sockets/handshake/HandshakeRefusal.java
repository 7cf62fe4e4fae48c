package dev.sockets.handshake;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * A refused handshake: the status and the message the client is answered with, as a JSON
 * body {@code {"error": message, "status": status}} (the shape of the HTTP API's errors),
 * plus any headers, such as {@code Retry-After}. No socket is opened.
 *
 * @param status the HTTP status, 4xx or 5xx
 * @param message why, for the client
 * @param headers extra response headers
 */
public record HandshakeRefusal(HttpStatus status, String message, Map<String, String> headers) {

	/**
	 * Checks the refusal and copies its headers.
	 * @param status the HTTP status, 4xx or 5xx
	 * @param message why, for the client
	 * @param headers extra response headers
	 */
	public HandshakeRefusal {
		if (!status.isError()) {
			throw new IllegalArgumentException("A handshake is refused with a 4xx or 5xx status, not " + status);
		}
		headers = Map.copyOf(headers);
	}

	/**
	 * A refusal without extra headers.
	 * @param status the HTTP status, 4xx or 5xx
	 * @param message why, for the client
	 * @return the refusal
	 */
	public static HandshakeRefusal of(HttpStatus status, String message) {
		return new HandshakeRefusal(status, message, Map.of());
	}

	/**
	 * This refusal with one more header.
	 * @param name the header's name
	 * @param value its value
	 * @return a new refusal
	 */
	public HandshakeRefusal withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new HandshakeRefusal(this.status, this.message, headers);
	}

	/**
	 * The JSON body the client is answered with.
	 * @return UTF-8 bytes
	 */
	public byte[] body() {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("error", this.message);
		error.put("status", this.status.value());
		return JsonMapper.shared().writeValueAsBytes(error);
	}

}
