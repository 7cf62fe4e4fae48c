package dev.sockets.http;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Internal: what the HTTP API's answers share. An answer whose stores have replied
 * already is written on the request's thread, at once; one still waiting continues on the
 * given threads rather than on the Redis client's, which must not do our work.
 */
final class Replies {

	private Replies() {
	}

	static <T, U> CompletableFuture<U> apply(CompletableFuture<T> stage, Function<? super T, ? extends U> next,
			Executor executor) {
		return stage.isDone() ? stage.thenApply(next) : stage.thenApplyAsync(next, executor);
	}

	static <T, U> CompletableFuture<U> handle(CompletableFuture<T> stage,
			BiFunction<? super T, Throwable, ? extends U> next, Executor executor) {
		return stage.isDone() ? stage.handle(next) : stage.handleAsync(next, executor);
	}

	/**
	 * The response, at once when it is there, else asynchronously.
	 * @param response the response to come
	 * @return what the handler returns
	 */
	static ServerResponse answer(CompletableFuture<ServerResponse> response) {
		return response.isDone() ? response.join() : ServerResponse.async(response);
	}

	// {"error": "..."}, as Pusher answers
	static ServerResponse error(JsonMapper jsonMapper, HttpStatus status, String message) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(jsonMapper.writeValueAsString(Map.of("error", message)));
	}

	static Throwable cause(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

}
