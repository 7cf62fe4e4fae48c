package dev.sockets.http;

import org.springframework.http.HttpStatus;

/**
 * A rejected HTTP API request: its status and a message for the caller.
 */
final class ApiException extends RuntimeException {

	private final HttpStatus status;

	ApiException(HttpStatus status, String message) {
		super(message, null, false, false);
		this.status = status;
	}

	HttpStatus status() {
		return this.status;
	}

}
