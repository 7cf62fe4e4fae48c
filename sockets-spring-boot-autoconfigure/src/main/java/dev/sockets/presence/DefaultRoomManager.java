package dev.sockets.presence;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import dev.sockets.channel.PresenceMember;
import dev.sockets.connection.Connection;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.protocol.Frames;
import dev.sockets.protocol.PusherError;

/**
 * Internal: the {@link RoomManager} that reads from the {@link PresenceStore} and acts on
 * this node's connections.
 */
public final class DefaultRoomManager implements RoomManager {

	private final PresenceStore store;

	private final ConnectionIndex index;

	private final ConnectionRegistry connections;

	private final ChannelMembership membership;

	private final ClusterControl control;

	/**
	 * Creates the room manager.
	 * @param store where presence is kept
	 * @param index subscriber counts and users' connections
	 * @param connections this node's connections
	 * @param membership unsubscribes connections with the right events
	 * @param control tells the other nodes to act on their connections too
	 */
	public DefaultRoomManager(PresenceStore store, ConnectionIndex index, ConnectionRegistry connections,
			ChannelMembership membership, ClusterControl control) {
		this.store = store;
		this.index = index;
		this.connections = connections;
		this.membership = membership;
		this.control = control;
		control.handleWith(this::carryOut);
	}

	private void carryOut(ClusterControl.Command command) {
		switch (command.operation()) {
			case ClusterControl.Command.DISCONNECT -> disconnectHere(String.valueOf(command.userId()));
			case ClusterControl.Command.REMOVE ->
				removeHere(String.valueOf(command.channel()), String.valueOf(command.userId()));
			case ClusterControl.Command.CLOSE -> closeHere(String.valueOf(command.channel()));
			default -> {
				// a newer node's command this one does not know: nothing to do here
			}
		}
	}

	// this node's connections of a user, found locally so it works while Redis is away
	private List<String> localConnectionsOf(String userId) {
		return this.connections.all()
			.stream()
			.filter((connection) -> userId.equals(connection.userId()))
			.map(Connection::socketId)
			.toList();
	}

	@Override
	public List<PresenceMember> members(String channel) {
		return await(this.store.members(channel));
	}

	@Override
	public boolean isMember(String channel, String userId) {
		return members(channel).stream().anyMatch((member) -> member.userId().equals(userId));
	}

	@Override
	public boolean isOnline(String userId) {
		return !connections(userId).isEmpty();
	}

	@Override
	public List<String> connections(String userId) {
		return await(this.index.userConnections(userId));
	}

	@Override
	public Map<String, Long> occupiedChannels(String prefix) {
		return await(this.index.occupiedChannels(prefix));
	}

	@Override
	public long subscriberCount(String channel) {
		return await(this.index.subscriberCount(channel));
	}

	// the store's stages complete within its timeout, so this wait is bounded
	private static <T> T await(CompletionStage<T> stage) {
		try {
			return stage.toCompletableFuture().join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	@Override
	public int removeFromChannel(String channel, String userId) {
		int removed = removeHere(channel, userId);
		this.control.send(ClusterControl.Command.REMOVE, userId, channel);
		return removed;
	}

	private int removeHere(String channel, String userId) {
		int removed = 0;
		for (String socketId : localConnectionsOf(userId)) {
			Connection connection = this.connections.get(socketId);
			if (connection != null && connection.channels().contains(channel)) {
				removed++;
				leaveOnLane(connection, channel, "Removed from the channel by the server");
			}
		}
		return removed;
	}

	// on the connection's lane, after whatever it was doing: counted when asked, removed
	// in order with its own subscribes and unsubscribes
	private void leaveOnLane(Connection connection, String channel, String why) {
		connection.lane().executeAsync(() -> this.membership.leave(connection, channel).thenAccept((left) -> {
			if (left) {
				connection.send(Frames.subscriptionError(channel, "AuthError", why, 403));
			}
		}));
	}

	@Override
	public int closeChannel(String channel) {
		int closed = closeHere(channel);
		this.control.send(ClusterControl.Command.CLOSE, null, channel);
		return closed;
	}

	private int closeHere(String channel) {
		List<Connection> subscribers = List.copyOf(this.membership.subscribers(channel));
		for (Connection connection : subscribers) {
			leaveOnLane(connection, channel, "The channel was closed by the server");
		}
		return subscribers.size();
	}

	@Override
	public int disconnect(String userId) {
		int closed = disconnectHere(userId);
		this.control.send(ClusterControl.Command.DISCONNECT, userId, null);
		return closed;
	}

	// signed in only, as the HTTP API's terminate_connections: a presence membership
	// alone does not make a connection the user's
	private int disconnectHere(String userId) {
		int closed = 0;
		for (Connection connection : List.copyOf(this.connections.all())) {
			if (userId.equals(connection.signedInUserId())) {
				connection.close(PusherError.UNAUTHORIZED, "Disconnected by the server");
				closed++;
			}
		}
		return closed;
	}

}
