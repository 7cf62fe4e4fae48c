package dev.sockets.transport.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.sockets.handshake.ServerHttpClientRequest;
import dev.sockets.http.ApiResponse;
import dev.sockets.http.AuthRequest;
import dev.sockets.http.ChannelAuthEndpoint;

import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Internal: the authorization endpoints on a servlet web server, as Spring MVC functional
 * routes. The caller's principal is the request's: Spring Security's or the container's.
 */
public final class ServletAuthRoutes {

	private final ChannelAuthEndpoint endpoint;

	/**
	 * Creates the routes' handler.
	 * @param endpoint the endpoints
	 */
	public ServletAuthRoutes(ChannelAuthEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * The two routes.
	 * @return the router function
	 */
	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.POST(this.endpoint.path(), this::authorizeChannel)
			.POST(this.endpoint.userPath(), this::signIn)
			.build();
	}

	private ServerResponse authorizeChannel(ServerRequest request) {
		AuthRequest auth;
		try {
			auth = read(request);
		}
		catch (IOException ex) {
			return response(this.endpoint.unreadableBody());
		}
		CompletableFuture<ApiResponse> answer = this.endpoint.authorizeChannel(auth);
		return answer.isDone() ? response(answer.join())
				: ServerResponse.async(answer.thenApply(ServletAuthRoutes::response));
	}

	private ServerResponse signIn(ServerRequest request) {
		try {
			return response(this.endpoint.signIn(read(request)));
		}
		catch (IOException ex) {
			return response(this.endpoint.unreadableBody());
		}
	}

	private static AuthRequest read(ServerRequest request) throws IOException {
		ServerHttpClientRequest client = new ServerHttpClientRequest(
				new ServletServerHttpRequest(request.servletRequest()), new HashMap<>());
		boolean json = request.headers()
			.contentType()
			.map((type) -> type.isCompatibleWith(MediaType.APPLICATION_JSON))
			.orElse(false);
		if (!json) {
			Map<String, String> form = new LinkedHashMap<>();
			request.params().forEach((name, values) -> {
				if (!values.isEmpty()) {
					form.put(name, values.get(0));
				}
			});
			return new AuthRequest(client, false, form, new byte[0]);
		}
		try (InputStream in = request.servletRequest().getInputStream()) {
			return new AuthRequest(client, true, Map.of(), in.readNBytes(ChannelAuthEndpoint.MAX_JSON_BODY + 1));
		}
	}

	private static ServerResponse response(ApiResponse response) {
		return ServerResponse.status(response.status()).contentType(MediaType.APPLICATION_JSON).body(response.json());
	}

}
