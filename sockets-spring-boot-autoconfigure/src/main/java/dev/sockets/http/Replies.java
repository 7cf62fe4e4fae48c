package dev.sockets.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;

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

	static Throwable cause(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

}
