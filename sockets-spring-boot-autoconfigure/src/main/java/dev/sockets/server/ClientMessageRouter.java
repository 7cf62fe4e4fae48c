package dev.sockets.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.sockets.broker.StreamPosition;
import dev.sockets.channel.AuthorizationResult;
import dev.sockets.channel.ChannelAuthorization;
import dev.sockets.channel.PresenceMember;
import dev.sockets.channel.SubscriptionRequest;
import dev.sockets.connection.Connection;
import dev.sockets.presence.PresenceUnavailableException;
import dev.sockets.protocol.ChannelAuth;
import dev.sockets.protocol.ChannelName;
import dev.sockets.protocol.ChannelType;
import dev.sockets.protocol.ClientMessage;
import dev.sockets.protocol.Events;
import dev.sockets.protocol.Frames;
import dev.sockets.protocol.MalformedMessageException;
import dev.sockets.protocol.PusherError;
import dev.sockets.presence.ChannelMembership;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Acts on one parsed client message: ping, subscribe, unsubscribe; anything else gets the
 * protocol's error and the connection stays open.
 * <p>
 * A subscription carrying an {@code auth} signature was authorized at the authorization
 * endpoint and is only verified here. Any other runs the authorizer pipeline inline, with
 * the principal of the handshake: for public channels (open unless an authorizer denies)
 * and, unless inline authorization is off, for private ones. Authorizers may take a
 * while, so the subscription completes when they answer; an unsubscribe meanwhile cancels
 * it.
 */
final class ClientMessageRouter {

	private static final Log logger = LogFactory.getLog(ClientMessageRouter.class);

	private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

	private final ChannelMembership membership;

	private final ChannelAuth channelAuth;

	private final ChannelAuthorization authorization;

	private final int maxChannels;

	private final boolean inlineAuthorization;

	private final JsonMapper jsonMapper;

	private final ClientEvents clientEvents;

	private final SignIn signIn;

	ClientMessageRouter(ChannelMembership membership, ChannelAuth channelAuth, ChannelAuthorization authorization,
			EndpointSettings settings, JsonMapper jsonMapper, ClientEvents clientEvents, SignIn signIn) {
		this.membership = membership;
		this.jsonMapper = jsonMapper;
		this.clientEvents = clientEvents;
		this.signIn = signIn;
		this.maxChannels = settings.maxChannels();
		this.inlineAuthorization = settings.inlineAuthorization();
		this.channelAuth = channelAuth;
		this.authorization = authorization;
	}

	/**
	 * Acts on a message: a step of the connection's lane.
	 * @param connection the connection
	 * @param message the message
	 * @return completes when the message was acted on, and its store work done
	 */
	CompletableFuture<Void> route(Connection connection, ClientMessage message) {
		switch (message.event()) {
			case Events.PING -> connection.send(Frames.pong());
			case Events.PONG -> {
				// liveness was already recorded when the frame arrived
			}
			case Events.SUBSCRIBE -> {
				return subscribe(connection, message);
			}
			case Events.UNSUBSCRIBE -> {
				return unsubscribe(connection, message);
			}
			case Events.SIGNIN -> {
				return this.signIn.handle(connection, message);
			}
			default -> {
				if (message.event().startsWith(Events.CLIENT_PREFIX)) {
					this.clientEvents.relay(connection, message);
				}
				else {
					unsupported(connection, message.event());
				}
			}
		}
		return DONE;
	}

	private CompletableFuture<Void> subscribe(Connection connection, ClientMessage message) {
		String channel = requireChannel(message);
		String problem = ChannelName.problem(channel);
		if (problem != null) {
			connection.send(Frames.subscriptionError(channel, "InvalidChannelName", problem, 400));
			return DONE;
		}
		if (ChannelName.isReserved(channel)) {
			if (SignIn.mayJoin(connection, channel)) {
				return join(connection, channel, null, null);
			}
			else {
				connection.send(Frames.subscriptionError(channel, "AuthError",
						"Only the signed-in user may subscribe to " + channel, 403));
			}
			return DONE;
		}
		ChannelType type = ChannelType.of(channel);
		if (overLimit(connection, channel)) {
			return DONE;
		}
		StreamPosition since;
		try {
			since = position(message);
		}
		catch (IllegalArgumentException ex) {
			connection.send(Frames.subscriptionError(channel, "InvalidPosition", ex.getMessage(), 400));
			return DONE;
		}
		String auth = message.dataString("auth");
		if (type.requiresAuthorization() && (auth != null && !auth.isEmpty() || !this.inlineAuthorization)) {
			return subscribeSigned(connection, channel, type, auth, message.dataString("channel_data"), since);
		}
		return authorizeInline(connection, channel, since);
	}

	// the recovery plugin's "position": {"epoch": "…", "offset": N}, the last the client
	// saw on the channel
	private static @Nullable StreamPosition position(ClientMessage message) {
		JsonNode data = message.data();
		JsonNode position = (data != null && data.isObject()) ? data.get("position") : null;
		if (position == null || position.isNull()) {
			return null;
		}
		JsonNode epoch = position.get("epoch");
		JsonNode offset = position.get("offset");
		if (!position.isObject() || epoch == null || !epoch.isString() || offset == null || !offset.canConvertToLong()
				|| !offset.isIntegralNumber()) {
			throw new IllegalArgumentException(
					"'data.position' must be {\"epoch\": string, \"offset\": integer}, as the recovery plugin sends it");
		}
		return new StreamPosition(epoch.stringValue(), offset.longValue());
	}

	// the authorization endpoint decided; the signature proves it, for this socket only
	private CompletableFuture<Void> subscribeSigned(Connection connection, String channel, ChannelType type,
			@Nullable String auth, @Nullable String channelData, @Nullable StreamPosition since) {
		String signedIn = connection.signedInUserId();
		if (type == ChannelType.PRESENCE && channelData == null && signedIn == null) {
			connection.send(Frames.subscriptionError(channel, "AuthError",
					"A presence subscription needs the 'channel_data' the authorization endpoint signed, "
							+ "or a signed-in connection",
					401));
			return DONE;
		}
		String denied = this.channelAuth.problem(auth, connection.socketId(), channel,
				(type == ChannelType.PRESENCE) ? channelData : null);
		if (denied != null) {
			connection.send(Frames.subscriptionError(channel, "AuthError", denied, 401));
			return DONE;
		}
		PresenceMember member = null;
		if (type == ChannelType.PRESENCE && channelData == null) {
			// signed over "<socket_id>:<channel>" only: the member is the signed-in user
			member = new PresenceMember(signedIn, connection.signedInUserInfo());
		}
		else if (type == ChannelType.PRESENCE) {
			try {
				member = ChannelData.member(channelData, this.jsonMapper);
			}
			catch (IllegalArgumentException ex) {
				connection.send(Frames.subscriptionError(channel, "InvalidChannelData", ex.getMessage(), 400));
				return DONE;
			}
		}
		return join(connection, channel, member, since);
	}

	private CompletableFuture<Void> authorizeInline(Connection connection, String channel,
			@Nullable StreamPosition since) {
		CompletableFuture<AuthorizationResult> decision = this.authorization
			.authorize(new SubscriptionRequest(channel, connection.socketId(), connection.principal()), true);
		if (decision.isDone() && !decision.isCompletedExceptionally()) {
			return conclude(connection, channel, decision.join(), since);
		}
		if (!connection.beginAuthorization(channel)) {
			return DONE;
		}
		// back on the lane, where an unsubscribe meanwhile has already run
		decision.whenComplete((result, failure) -> connection.lane().executeAsync(() -> {
			if (!connection.endAuthorization(channel)) {
				return DONE;
			}
			if (failure != null) {
				logger.error("Failed to authorize " + connection.socketId() + " for " + channel, failure);
				connection.send(Frames.subscriptionError(channel, "ServerError",
						"Internal error while authorizing the subscription", 500));
				return DONE;
			}
			return conclude(connection, channel, result, since);
		}));
		return DONE;
	}

	private CompletableFuture<Void> conclude(Connection connection, String channel, AuthorizationResult result,
			@Nullable StreamPosition since) {
		if (!result.granted()) {
			connection.send(
					Frames.subscriptionError(channel, "AuthError", String.valueOf(result.message()), result.status()));
			return DONE;
		}
		if (overLimit(connection, channel)) {
			return DONE;
		}
		return join(connection, channel, result.member(), since);
	}

	// every failure is answered to the client and logged once, never left pending
	private CompletableFuture<Void> join(Connection connection, String channel, @Nullable PresenceMember member,
			@Nullable StreamPosition since) {
		if (connection.isClosed()) {
			// an authorization that came back after the close: nothing to join
			return DONE;
		}
		CompletableFuture<Void> joined;
		try {
			joined = this.membership.join(connection, channel, member, since);
		}
		catch (RuntimeException ex) {
			joined = CompletableFuture.failedFuture(ex);
		}
		return joined.exceptionally((failure) -> {
			Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
					? failure.getCause() : failure;
			if (cause instanceof PresenceUnavailableException) {
				connection.send(Frames.subscriptionError(channel, "ServerError", cause.getMessage(), 503));
			}
			else {
				logger.error("Failed to subscribe connection " + connection.socketId() + " to " + channel, cause);
				connection
					.send(Frames.subscriptionError(channel, "ServerError", "Internal error while subscribing", 500));
			}
			return null;
		});
	}

	// every subscription costs memory on this node, so one connection cannot take an
	// unbounded share
	private boolean overLimit(Connection connection, String channel) {
		int held = connection.channels().size() + connection.authorizationsInProgress();
		if (held < this.maxChannels || connection.channels().contains(channel)) {
			return false;
		}
		connection.send(Frames.subscriptionError(channel, "LimitReached",
				"A connection may subscribe to at most " + this.maxChannels + " channels",
				PusherError.OVER_CAPACITY.code()));
		return true;
	}

	private CompletableFuture<Void> unsubscribe(Connection connection, ClientMessage message) {
		String channel = requireChannel(message);
		connection.endAuthorization(channel);
		return this.membership.leave(connection, channel).thenApply((left) -> null);
	}

	private static String requireChannel(ClientMessage message) {
		String channel = message.dataString("channel");
		if (channel == null) {
			throw new MalformedMessageException(message.event() + " needs a string 'data.channel'");
		}
		return channel;
	}

	private static void unsupported(Connection connection, String event) {
		connection.send(Frames.error((Integer) null, "Unsupported event received on socket: " + event));
	}

}
