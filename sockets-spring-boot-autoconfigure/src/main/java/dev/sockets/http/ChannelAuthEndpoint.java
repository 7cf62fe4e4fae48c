package dev.sockets.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import dev.sockets.channel.AuthorizationResult;
import dev.sockets.channel.ChannelAuthorization;
import dev.sockets.channel.PresenceMember;
import dev.sockets.channel.SignInUser;
import dev.sockets.channel.SubscriptionRequest;
import dev.sockets.connection.Connection;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.handshake.ClientRequest;
import dev.sockets.handshake.Principals;
import dev.sockets.handshake.SocketAuthenticationException;
import dev.sockets.protocol.ChannelAuth;
import dev.sockets.protocol.ChannelName;
import dev.sockets.protocol.ChannelType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriComponents;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Internal: the channel authorization and user sign-in endpoints that pusher-js and
 * laravel-echo call, for any web server (servlet and reactive routes adapt it). Before
 * subscribing to a private, encrypted or presence channel, they send {@code socket_id}
 * and {@code channel_name} (form-encoded, as pusher-js sends them, or JSON); the endpoint
 * finds the caller's principal, runs the authorizer pipeline and answers the signed
 * {@code auth}, with {@code channel_data} for presence channels and {@code shared_secret}
 * for encrypted ones. Refusals are JSON errors with 400, 401, 403 or 503, which pusher-js
 * turns into {@code pusher:subscription_error}.
 * <p>
 * A socket id of this node must belong to an open connection. A connection authenticated
 * at the handshake is signed for only when the caller is the same user (otherwise 403,
 * naming nobody); an anonymous connection is signed for as the caller, or as an anonymous
 * user when the caller is anonymous too. The signature is only valid on that connection.
 */
public final class ChannelAuthEndpoint {

	private static final Log logger = LogFactory.getLog(ChannelAuthEndpoint.class);

	private static final Pattern SOCKET_ID = Pattern.compile("\\d{1,20}\\.\\d{1,20}");

	/** The largest JSON body read; a form is the web server's to limit. */
	public static final int MAX_JSON_BODY = 8 * 1024;

	private final AuthEndpointSettings settings;

	private final ChannelAuthorization authorization;

	private final ChannelAuth channelAuth;

	private final ConnectionRegistry connections;

	private final Principals principals;

	private final JsonMapper jsonMapper;

	private final @Nullable SignInUser signInUser;

	private final CorsConfiguration origins = new CorsConfiguration();

	/**
	 * Creates the endpoint.
	 * @param settings its path, this node and the encryption master key
	 * @param authorization the authorizer pipeline
	 * @param channelAuth signs granted subscriptions
	 * @param connections this node's connections
	 * @param principals finds the caller's principal
	 * @param jsonMapper reads JSON requests and writes responses
	 * @param signInUser the application's signed-in users, or {@code null} for the
	 * principal's name alone
	 */
	public ChannelAuthEndpoint(AuthEndpointSettings settings, ChannelAuthorization authorization,
			ChannelAuth channelAuth, ConnectionRegistry connections, Principals principals, JsonMapper jsonMapper,
			@Nullable SignInUser signInUser) {
		this.settings = settings;
		this.authorization = authorization;
		this.channelAuth = channelAuth;
		this.connections = connections;
		this.principals = principals;
		this.jsonMapper = jsonMapper;
		this.signInUser = signInUser;
		this.origins.setAllowedOriginPatterns(settings.allowedOriginPatterns());
	}

	/**
	 * Where pusher-js asks for channel authorization.
	 * @return the path
	 */
	public String path() {
		return this.settings.path();
	}

	/**
	 * Where pusher-js asks for a signed-in user's data.
	 * @return the path
	 */
	public String userPath() {
		return this.settings.userPath();
	}

	/**
	 * Whether answering may run the application's authenticators, whose code may block: a
	 * server whose threads must not block hands such requests to threads that may.
	 * @return {@code true} when the application has authenticators or maps signed-in
	 * users
	 */
	public boolean mayBlock() {
		return this.principals.hasAuthenticators() || this.signInUser != null;
	}

	/**
	 * The answer to a body the server could not read.
	 * @return a 400 with a JSON error
	 */
	public ApiResponse unreadableBody() {
		return error(HttpStatus.BAD_REQUEST, "The request body could not be read");
	}

	/**
	 * Authorizes a subscription: the signed {@code auth}, or a JSON error.
	 * @param request the request
	 * @return the answer, complete already unless an authorizer is still deciding
	 */
	public CompletableFuture<ApiResponse> authorizeChannel(AuthRequest request) {
		try {
			refuseCrossSite(request.client());
			Map<String, String> fields = fields(request);
			String socketId = require(fields, "socket_id");
			String channel = require(fields, "channel_name");
			check(socketId, channel);
			SubscriptionRequest subscription = new SubscriptionRequest(channel, socketId,
					principal(request.client(), socketId));
			return this.authorization.authorize(subscription, this.settings.isLocal(socketId))
				.thenApply((result) -> respond(subscription, result));
		}
		catch (ApiException ex) {
			return CompletableFuture.completedFuture(error(ex.status(), ex.getMessage()));
		}
	}

	/**
	 * {@code pusher.signin()}: the caller's signed {@code user_data}, for this socket
	 * only, or a JSON error.
	 * @param request the request
	 * @return the answer
	 */
	public ApiResponse signIn(AuthRequest request) {
		try {
			refuseCrossSite(request.client());
			Map<String, String> fields = fields(request);
			String socketId = require(fields, "socket_id");
			if (!SOCKET_ID.matcher(socketId).matches()) {
				throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid socket id '" + socketId + "'");
			}
			Principal user = principal(request.client(), socketId);
			if (user == null) {
				throw new ApiException(HttpStatus.UNAUTHORIZED, "Sign in to the application first");
			}
			String userData = userData(user);
			Map<String, String> body = new LinkedHashMap<>();
			body.put("auth", this.channelAuth.signUser(socketId, userData));
			body.put("user_data", userData);
			return ApiResponse.ok(this.jsonMapper.writeValueAsString(body));
		}
		catch (ApiException ex) {
			return error(ex.status(), ex.getMessage());
		}
	}

	// A browser sends the user's cookies with a cross-site POST too (a form on another
	// site, say), and marks it with Origin (or at least Referer): with cookies, only the
	// application's own pages and the allowed origins are answered.
	private void refuseCrossSite(ClientRequest request) {
		if (!request.headers().containsHeader(HttpHeaders.COOKIE)) {
			return;
		}
		String origin = request.headers().getFirst(HttpHeaders.ORIGIN);
		if (origin == null) {
			origin = originOf(request.headers().getFirst(HttpHeaders.REFERER));
		}
		if (origin != null && !isSameOrigin(request, origin) && this.origins.checkOrigin(origin) == null) {
			throw new ApiException(HttpStatus.FORBIDDEN,
					"A request with cookies from origin " + origin + " is not allowed");
		}
	}

	private static @Nullable String originOf(@Nullable String referer) {
		if (referer == null) {
			return null;
		}
		try {
			UriComponents uri = UriComponentsBuilder.fromUriString(referer).build();
			if (uri.getScheme() == null || uri.getHost() == null) {
				return "null";
			}
			return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
		}
		catch (IllegalArgumentException ex) {
			return "null";
		}
	}

	private static boolean isSameOrigin(ClientRequest request, String origin) {
		try {
			UriComponents page = UriComponentsBuilder.fromUriString(origin).build();
			UriComponents self = UriComponentsBuilder.fromUri(request.uri()).build();
			return page.getScheme() != null && page.getScheme().equalsIgnoreCase(self.getScheme())
					&& page.getHost() != null && page.getHost().equalsIgnoreCase(self.getHost())
					&& port(page) == port(self);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static int port(UriComponents uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private Map<String, String> fields(AuthRequest request) {
		if (!request.json()) {
			return request.form();
		}
		if (request.body().length > MAX_JSON_BODY) {
			throw new ApiException(HttpStatus.CONTENT_TOO_LARGE,
					"The request body exceeds " + MAX_JSON_BODY + " bytes");
		}
		try {
			JsonNode root = this.jsonMapper.readTree(request.body());
			if (root == null || !root.isObject()) {
				throw new ApiException(HttpStatus.BAD_REQUEST, "The body must be a JSON object");
			}
			Map<String, String> fields = new LinkedHashMap<>();
			root.properties().forEach((entry) -> {
				if (entry.getValue().isString()) {
					fields.put(entry.getKey(), entry.getValue().asString());
				}
			});
			return fields;
		}
		catch (JacksonException ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "The body is not a valid JSON object");
		}
	}

	private static String require(Map<String, String> fields, String name) {
		String value = fields.get(name);
		if (value == null || value.isEmpty()) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "'" + name + "' is required");
		}
		return value;
	}

	private void check(String socketId, String channel) {
		if (!SOCKET_ID.matcher(socketId).matches()) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid socket id '" + socketId + "'");
		}
		String problem = ChannelName.problem(channel);
		if (problem != null) {
			throw new ApiException(HttpStatus.BAD_REQUEST, problem);
		}
		ChannelType type = ChannelType.of(channel);
		if (!type.requiresAuthorization()) {
			throw new ApiException(HttpStatus.BAD_REQUEST,
					"Only private, private-encrypted and presence channels are authorized here; " + channel
							+ " is public");
		}
		if (type == ChannelType.PRIVATE_ENCRYPTED && this.settings.encryptionMasterKey() == null) {
			throw new ApiException(HttpStatus.BAD_REQUEST,
					"Encrypted channels need sockets.app.encryption-master-key to be configured");
		}
	}

	private @Nullable Principal principal(ClientRequest request, String socketId) {
		Principal caller;
		try {
			caller = this.principals.of(request);
		}
		catch (SocketAuthenticationException ex) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, ex.getMessage());
		}
		if (this.settings.clustered() && !this.settings.isLocal(socketId)) {
			// a connection of another node: the signature binds the grant to it
			return caller;
		}
		Connection connection = this.connections.get(socketId);
		if (connection == null) {
			throw new ApiException(HttpStatus.FORBIDDEN, "No open connection has socket id " + socketId);
		}
		// only the socket's owner is signed for: an anonymous caller never gets a grant
		// in the name of a socket's user, which would disclose who it is
		Principal owner = connection.principal();
		if (owner != null && (caller == null || !caller.getName().equals(owner.getName()))) {
			throw new ApiException(HttpStatus.FORBIDDEN, "Socket " + socketId + " belongs to another user");
		}
		return caller;
	}

	// the application's mapping, or the principal's name alone
	private String userData(Principal user) {
		PresenceMember member;
		try {
			member = (this.signInUser != null) ? this.signInUser.of(user) : PresenceMember.of(user.getName());
		}
		catch (RuntimeException ex) {
			logger.error("SignInUser failed for " + user.getName(), ex);
			throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error while signing in");
		}
		if (member == null) {
			throw new ApiException(HttpStatus.FORBIDDEN, "The application does not sign this user in");
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("id", member.userId());
		if (member.userInfo() != null) {
			data.put("user_info", member.userInfo());
		}
		return this.jsonMapper.writeValueAsString(data);
	}

	private ApiResponse respond(SubscriptionRequest request, AuthorizationResult result) {
		if (!result.granted()) {
			return error(HttpStatus.valueOf(result.status()), String.valueOf(result.message()));
		}
		Map<String, String> body = new LinkedHashMap<>();
		String channelData = (request.channelType() == ChannelType.PRESENCE) ? channelData(result.member()) : null;
		body.put("auth", this.channelAuth.sign(request.socketId(), request.channel(), channelData));
		if (channelData != null) {
			body.put("channel_data", channelData);
		}
		if (request.channelType() == ChannelType.PRIVATE_ENCRYPTED) {
			body.put("shared_secret", sharedSecret(request.channel()));
		}
		return ApiResponse.ok(this.jsonMapper.writeValueAsString(body));
	}

	private String channelData(@Nullable PresenceMember member) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("user_id", (member != null) ? member.userId() : "");
		if (member != null && member.userInfo() != null) {
			data.put("user_info", member.userInfo());
		}
		return this.jsonMapper.writeValueAsString(data);
	}

	// base64(SHA-256(channel name bytes followed by the master key)), as the Pusher SDKs
	// derive it
	private String sharedSecret(String channel) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(channel.getBytes(StandardCharsets.UTF_8));
			sha256.update(this.settings.encryptionMasterKey());
			return Base64.getEncoder().encodeToString(sha256.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	// a record keeps the keys in this order
	private record ErrorBody(String error, int status) {

	}

	private ApiResponse error(HttpStatus status, String message) {
		return new ApiResponse(status, this.jsonMapper.writeValueAsString(new ErrorBody(message, status.value())));
	}

}
