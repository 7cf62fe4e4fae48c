package dev.sockets.http;

import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * Internal: the HTTP API's answer to a request: a status and a JSON body.
 *
 * @param status the status
 * @param json the body, JSON
 */
public record ApiResponse(HttpStatus status, String json) {

	/**
	 * A 200 answer.
	 * @param json the body
	 * @return the answer
	 */
	public static ApiResponse ok(String json) {
		return new ApiResponse(HttpStatus.OK, json);
	}

	/**
	 * The answer to a body over the size limit.
	 * @param limit the limit, in bytes
	 * @return a 413
	 */
	public static ApiResponse tooLarge(int limit) {
		return error(HttpStatus.CONTENT_TOO_LARGE, "The request body exceeds " + limit + " bytes");
	}

	/**
	 * An error, {@code {"error": "…"}} as Pusher answers.
	 * @param status the status
	 * @param message what went wrong
	 * @return the answer
	 */
	public static ApiResponse error(HttpStatus status, String message) {
		return new ApiResponse(status, JsonMapper.shared().writeValueAsString(Map.of("error", message)));
	}

}
