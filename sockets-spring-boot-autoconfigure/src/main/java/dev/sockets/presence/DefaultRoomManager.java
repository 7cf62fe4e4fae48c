package dev.sockets.presence;

import java.util.List;
import java.util.Map;

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

	private final ConnectionRegistry connections;

	private final ChannelMembership membership;

	private final ClusterControl control;

	/**
	 * Creates the room manager.
	 * @param store where presence is kept
	 * @param connections this node's connections
	 * @param membership unsubscribes connections with the right events
	 * @param control tells the other nodes to act on their connections too
	 */
	public DefaultRoomManager(PresenceStore store, ConnectionRegistry connections, ChannelMembership membership,
			ClusterControl control) {
		this.store = store;
		this.connections = connections;
		this.membership = membership;
		this.control = control;
		control.handleWith(this::carryOut);
	}

	private void carryOut(ClusterControl.Command command) {
		switch (command.operation()) {
			case "disconnect" -> disconnectHere(String.valueOf(command.userId()));
			case "remove" -> removeHere(String.valueOf(command.channel()), String.valueOf(command.userId()));
			case "close" -> closeHere(String.valueOf(command.channel()));
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
		return this.store.members(channel);
	}

	@Override
	public boolean isMember(String channel, String userId) {
		return this.store.members(channel).stream().anyMatch((member) -> member.userId().equals(userId));
	}

	@Override
	public boolean isOnline(String userId) {
		return !this.store.userConnections(userId).isEmpty();
	}

	@Override
	public List<String> connections(String userId) {
		return this.store.userConnections(userId);
	}

	@Override
	public Map<String, Long> occupiedChannels(String prefix) {
		return this.store.occupiedChannels(prefix);
	}

	@Override
	public long subscriberCount(String channel) {
		return this.store.subscriberCount(channel);
	}

	@Override
	public int removeFromChannel(String channel, String userId) {
		int removed = removeHere(channel, userId);
		this.control.send("remove", userId, channel);
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
		connection.lane().execute(() -> {
			if (this.membership.leave(connection, channel)) {
				connection.send(Frames.subscriptionError(channel, "AuthError", why, 403));
			}
		});
	}

	@Override
	public int closeChannel(String channel) {
		int closed = closeHere(channel);
		this.control.send("close", null, channel);
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
		this.control.send("disconnect", userId, null);
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
