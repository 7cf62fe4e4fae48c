package dev.sockets.server;

import java.util.concurrent.CompletableFuture;

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

	void route(Connection connection, ClientMessage message) {
		switch (message.event()) {
			case Events.PING -> connection.send(Frames.pong());
			case Events.PONG -> {
				// liveness was already recorded when the frame arrived
			}
			case Events.SUBSCRIBE -> subscribe(connection, message);
			case Events.UNSUBSCRIBE -> unsubscribe(connection, message);
			case Events.SIGNIN -> this.signIn.handle(connection, message);
			default -> {
				if (message.event().startsWith(Events.CLIENT_PREFIX)) {
					this.clientEvents.relay(connection, message);
				}
				else {
					unsupported(connection, message.event());
				}
			}
		}
	}

	private void subscribe(Connection connection, ClientMessage message) {
		String channel = requireChannel(message);
		String problem = ChannelName.problem(channel);
		if (problem != null) {
			connection.send(Frames.subscriptionError(channel, "InvalidChannelName", problem, 400));
			return;
		}
		if (ChannelName.isReserved(channel)) {
			if (SignIn.mayJoin(connection, channel)) {
				join(connection, channel, null);
			}
			else {
				connection.send(Frames.subscriptionError(channel, "AuthError",
						"Only the signed-in user may subscribe to " + channel, 403));
			}
			return;
		}
		ChannelType type = ChannelType.of(channel);
		if (overLimit(connection, channel)) {
			return;
		}
		String auth = message.dataString("auth");
		if (type.requiresAuthorization() && (auth != null && !auth.isEmpty() || !this.inlineAuthorization)) {
			subscribeSigned(connection, channel, type, auth, message.dataString("channel_data"));
			return;
		}
		authorizeInline(connection, channel);
	}

	// the authorization endpoint decided; the signature proves it, for this socket only
	private void subscribeSigned(Connection connection, String channel, ChannelType type, @Nullable String auth,
			@Nullable String channelData) {
		String signedIn = connection.signedInUserId();
		if (type == ChannelType.PRESENCE && channelData == null && signedIn == null) {
			connection.send(Frames.subscriptionError(channel, "AuthError",
					"A presence subscription needs the 'channel_data' the authorization endpoint signed, "
							+ "or a signed-in connection",
					401));
			return;
		}
		String denied = this.channelAuth.problem(auth, connection.socketId(), channel,
				(type == ChannelType.PRESENCE) ? channelData : null);
		if (denied != null) {
			connection.send(Frames.subscriptionError(channel, "AuthError", denied, 401));
			return;
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
				return;
			}
		}
		join(connection, channel, member);
	}

	private void authorizeInline(Connection connection, String channel) {
		CompletableFuture<AuthorizationResult> decision = this.authorization
			.authorize(new SubscriptionRequest(channel, connection.socketId(), connection.principal()), true);
		if (decision.isDone()) {
			conclude(connection, channel, decision.join());
			return;
		}
		if (!connection.beginAuthorization(channel)) {
			return;
		}
		// back on the lane, where an unsubscribe meanwhile has already run
		decision.thenAcceptAsync((result) -> {
			if (connection.endAuthorization(channel)) {
				conclude(connection, channel, result);
			}
		}, connection.lane()).exceptionally((ex) -> {
			logger.error("Failed to conclude the authorization of " + connection.socketId() + " for " + channel, ex);
			return null;
		});
	}

	private void conclude(Connection connection, String channel, AuthorizationResult result) {
		if (!result.granted()) {
			connection.send(
					Frames.subscriptionError(channel, "AuthError", String.valueOf(result.message()), result.status()));
			return;
		}
		if (!overLimit(connection, channel)) {
			join(connection, channel, result.member());
		}
	}

	// every failure is answered to the client and logged once, never left pending
	private void join(Connection connection, String channel, @Nullable PresenceMember member) {
		if (connection.isClosed()) {
			// an authorization that came back after the close: nothing to join
			return;
		}
		try {
			this.membership.join(connection, channel, member);
		}
		catch (PresenceUnavailableException ex) {
			connection.send(Frames.subscriptionError(channel, "ServerError", ex.getMessage(), 503));
		}
		catch (RuntimeException ex) {
			logger.error("Failed to subscribe connection " + connection.socketId() + " to " + channel, ex);
			connection.send(Frames.subscriptionError(channel, "ServerError", "Internal error while subscribing", 500));
		}
	}

	// every subscription costs memory on this node, so one connection cannot take an
	// unbounded share
	private boolean overLimit(Connection connection, String channel) {
		int held = connection.channels().size() + connection.authorizationsInProgress();
		if (held < this.maxChannels || connection.channels().contains(channel)) {
			return false;
		}
		connection.send(Frames.subscriptionError(channel, "LimitReached",
				"A connection may subscribe to at most " + this.maxChannels + " channels", 4100));
		return true;
	}

	private void unsubscribe(Connection connection, ClientMessage message) {
		String channel = requireChannel(message);
		connection.endAuthorization(channel);
		this.membership.leave(connection, channel);
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
