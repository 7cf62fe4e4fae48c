package dev.sockets.transport.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

import dev.sockets.http.ApiRequest;
import dev.sockets.http.ApiResponse;
import dev.sockets.http.HttpApi;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Internal: the Pusher HTTP API on the application's own web server, as Spring MVC
 * functional routes. An answer the stores have given already is written on the request's
 * thread; one still waiting is written asynchronously, holding no thread.
 */
public final class ServletHttpApi {

	private static final Log logger = LogFactory.getLog(ServletHttpApi.class);

	private final HttpApi api;

	/**
	 * Creates the routes' handler.
	 * @param api the API
	 */
	public ServletHttpApi(HttpApi api) {
		this.api = api;
	}

	/**
	 * The routes, one per path the API answers, with the method it takes.
	 * @return the router function
	 */
	public RouterFunction<ServerResponse> routes() {
		RouterFunctions.Builder routes = RouterFunctions.route();
		HttpApi.PATHS.forEach((path) -> routes.route(RequestPredicates.path(path), this::handle));
		return routes.build();
	}

	private ServerResponse handle(ServerRequest request) {
		HttpServletRequest servlet = request.servletRequest();
		byte[] body;
		try {
			body = readBody(servlet);
		}
		catch (UncheckedIOException ex) {
			return response(ApiResponse.error(HttpStatus.BAD_REQUEST, "The request body could not be read"));
		}
		if (body == null) {
			return response(this.api.tooLarge());
		}
		CompletableFuture<ApiResponse> answer = this.api.handle(new ApiRequest(request.method().name(),
				request.requestPath().pathWithinApplication().value(), servlet.getQueryString(), body));
		return answer.isDone() ? response(answer.join())
				: ServerResponse.async(answer.thenApply(ServletHttpApi::response));
	}

	private static ServerResponse response(ApiResponse response) {
		return ServerResponse.status(response.status()).contentType(MediaType.APPLICATION_JSON).body(response.json());
	}

	// null when over the limit
	private byte @Nullable [] readBody(HttpServletRequest request) {
		int limit = this.api.maxRequestSize();
		if (request.getContentLengthLong() > limit) {
			return null;
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(limit + 1);
			return (body.length > limit) ? null : body;
		}
		catch (IOException ex) {
			logger.debug("Failed to read an HTTP API request", ex);
			throw new UncheckedIOException(ex);
		}
	}

}
