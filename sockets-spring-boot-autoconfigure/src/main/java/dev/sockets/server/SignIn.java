package dev.sockets.server;

import java.util.concurrent.CompletableFuture;

import dev.sockets.connection.Connection;
import dev.sockets.protocol.ChannelAuth;
import dev.sockets.protocol.ChannelName;
import dev.sockets.protocol.ClientMessage;
import dev.sockets.protocol.Frames;
import dev.sockets.protocol.PusherError;
import dev.sockets.presence.ChannelMembership;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code pusher:signin}: verifies the {@code user_data} the user authentication endpoint
 * signed for this socket, makes the connection that user's, and answers
 * {@code pusher:signin_success}. pusher-js then subscribes to
 * {@code #server-to-user-<id>}, which only that user's connections may.
 */
final class SignIn {

	/** The prefix of a user's own channel. */
	static final String USER_CHANNEL_PREFIX = "#server-to-user-";

	private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

	private final ChannelAuth channelAuth;

	private final JsonMapper jsonMapper;

	private final ChannelMembership membership;

	SignIn(ChannelAuth channelAuth, JsonMapper jsonMapper, ChannelMembership membership) {
		this.channelAuth = channelAuth;
		this.jsonMapper = jsonMapper;
		this.membership = membership;
	}

	/**
	 * Acts on {@code pusher:signin}: a step of the connection's lane.
	 * @param connection the connection
	 * @param message the message
	 * @return completes when the connection was answered
	 */
	CompletableFuture<Void> handle(Connection connection, ClientMessage message) {
		String userData = message.dataString("user_data");
		if (userData == null) {
			connection.send(Frames.error(PusherError.UNAUTHORIZED, "pusher:signin needs 'user_data' and 'auth'"));
			return DONE;
		}
		String problem = this.channelAuth.userProblem(message.dataString("auth"), connection.socketId(), userData);
		if (problem != null) {
			connection.send(Frames.error(PusherError.UNAUTHORIZED, problem));
			return DONE;
		}
		String id = userId(userData);
		if (id == null) {
			connection.send(Frames.error(PusherError.UNAUTHORIZED,
					"user_data must be a JSON object with an 'id' made of channel-name characters"));
			return DONE;
		}
		String current = connection.userId();
		if (current != null && !current.equals(id)) {
			connection.send(Frames.error(PusherError.UNAUTHORIZED,
					"This connection already belongs to another user and cannot sign in as " + id));
			return DONE;
		}
		return this.membership.signedIn(connection, id, userInfo(userData))
			.thenRun(() -> connection.send(Frames.signinSuccess(userData)));
	}

	/**
	 * Whether a connection may subscribe to a {@code #} channel: its own user channel.
	 * @param connection the connection
	 * @param channel a reserved channel name
	 * @return {@code true} for {@code #server-to-user-<the id it signed in as>}
	 */
	static boolean mayJoin(Connection connection, String channel) {
		String userId = connection.signedInUserId();
		return userId != null && channel.equals(USER_CHANNEL_PREFIX + userId);
	}

	// the member a signed-in connection joins presence channels as, without channel_data
	private @Nullable Object userInfo(String userData) {
		JsonNode info = this.jsonMapper.readTree(userData).get("user_info");
		return (info == null || info.isNull()) ? null : this.jsonMapper.treeToValue(info, Object.class);
	}

	private @Nullable String userId(String userData) {
		try {
			JsonNode root = this.jsonMapper.readTree(userData);
			JsonNode id = (root != null && root.isObject()) ? root.get("id") : null;
			if (id == null || !id.isString() || id.stringValue().isEmpty()
					|| ChannelName.problem(USER_CHANNEL_PREFIX + id.stringValue()) != null) {
				return null;
			}
			return id.stringValue();
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
