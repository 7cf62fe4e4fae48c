package dev.sockets.transport.reactive;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.sockets.handshake.ClientRequest;
import dev.sockets.http.ApiResponse;
import dev.sockets.http.AuthRequest;
import dev.sockets.http.ChannelAuthEndpoint;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.util.ClassUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Internal: the authorization endpoints on a reactive web server, as a WebFlux router
 * function. The caller's principal is the exchange's (Spring Security's, say). Nothing
 * here blocks; where the application's authenticators may, a request is answered on
 * Reactor's bounded elastic threads.
 */
public final class ReactiveAuthRoutes implements RouterFunction<ServerResponse> {

	private static final boolean SECURITY = ClassUtils.isPresent("org.springframework.security.core.Authentication",
			ReactiveAuthRoutes.class.getClassLoader());

	private final ChannelAuthEndpoint endpoint;

	private final RouterFunction<ServerResponse> routes;

	/**
	 * Creates the routes' handler.
	 * @param endpoint the endpoints
	 */
	public ReactiveAuthRoutes(ChannelAuthEndpoint endpoint) {
		this.endpoint = endpoint;
		this.routes = RouterFunctions.route()
			.POST(endpoint.path(), this::authorizeChannel)
			.POST(endpoint.userPath(), this::signIn)
			.build();
	}

	@Override
	public Mono<HandlerFunction<ServerResponse>> route(ServerRequest request) {
		return this.routes.route(request);
	}

	private Mono<ServerResponse> authorizeChannel(ServerRequest request) {
		return answer(request, (auth) -> Mono.defer(() -> Mono.fromFuture(this.endpoint.authorizeChannel(auth))));
	}

	private Mono<ServerResponse> signIn(ServerRequest request) {
		return answer(request, (auth) -> Mono.fromSupplier(() -> this.endpoint.signIn(auth)));
	}

	private Mono<ServerResponse> answer(ServerRequest request, Function<AuthRequest, Mono<ApiResponse>> handler) {
		return read(request).flatMap((auth) -> {
			Mono<ApiResponse> answer = handler.apply(auth);
			return this.endpoint.mayBlock() ? answer.subscribeOn(Schedulers.boundedElastic()) : answer;
		}).flatMap(ReactiveAuthRoutes::response);
	}

	private static Mono<AuthRequest> read(ServerRequest request) {
		Mono<Optional<Principal>> principal = request.principal()
			.filter((user) -> !SECURITY || SignedIn.isSignedIn(user))
			.map((user) -> Optional.<Principal>of(user))
			.defaultIfEmpty(Optional.empty());
		boolean json = request.headers()
			.contentType()
			.map((type) -> type.isCompatibleWith(MediaType.APPLICATION_JSON))
			.orElse(false);
		if (json) {
			return principal.zipWith(body(request),
					(user, body) -> new AuthRequest(client(request, user.orElse(null)), true, Map.of(), body));
		}
		Mono<MultiValueMap<String, String>> formData = request.formData()
			.onErrorResume((ex) -> Mono.just(new LinkedMultiValueMap<>()));
		return principal.zipWith(formData, (user, fields) -> {
			// the query's parameters too, as a servlet request's parameters have them
			Map<String, String> form = new LinkedHashMap<>();
			request.queryParams().forEach((name, values) -> first(form, name, values));
			fields.forEach((name, values) -> first(form, name, values));
			return new AuthRequest(client(request, user.orElse(null)), false, form, new byte[0]);
		});
	}

	private static void first(Map<String, String> form, String name, List<String> values) {
		if (!values.isEmpty()) {
			form.putIfAbsent(name, values.get(0));
		}
	}

	// up to one byte past the limit, which the endpoint answers with 413
	private static Mono<byte[]> body(ServerRequest request) {
		int limit = ChannelAuthEndpoint.MAX_JSON_BODY + 1;
		return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), limit)
			.map(ReactiveAuthRoutes::bytes)
			.onErrorResume(DataBufferLimitException.class, (ex) -> Mono.just(new byte[limit]))
			.defaultIfEmpty(new byte[0]);
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static ClientRequest client(ServerRequest request, @Nullable Principal principal) {
		return new ExchangeClientRequest(request.uri(), request.headers().asHttpHeaders(),
				request.remoteAddress().orElse(null), principal, new HashMap<>());
	}

	private static Mono<ServerResponse> response(ApiResponse response) {
		return ServerResponse.status(response.status())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(response.json());
	}

	/**
	 * Spring Security's anonymous user, or a token not authenticated, is nobody: as on
	 * the servlet stack, where the request has no principal then.
	 */
	private static final class SignedIn {

		static boolean isSignedIn(Principal user) {
			return !(user instanceof Authentication authentication)
					|| authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken);
		}

	}

	/**
	 * A WebFlux request as a {@link ClientRequest}, with the principal read from its
	 * exchange.
	 */
	private record ExchangeClientRequest(URI uri, HttpHeaders headers, @Nullable InetSocketAddress remoteAddress,
			@Nullable Principal principal, Map<String, Object> attributes) implements ClientRequest {

	}

}
