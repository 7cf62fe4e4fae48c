package dev.sockets.connection;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Internal: the open connections of this node, by socket id.
 */
public final class ConnectionRegistry {

	private final Map<String, Connection> connections = new ConcurrentHashMap<>();

	/**
	 * Registers an open connection.
	 * @param connection the connection
	 */
	public void add(Connection connection) {
		this.connections.put(connection.socketId(), connection);
	}

	/**
	 * Forgets a connection.
	 * @param socketId its socket id
	 * @return the connection, or {@code null} if unknown
	 */
	public @Nullable Connection remove(String socketId) {
		return this.connections.remove(socketId);
	}

	/**
	 * Looks up a connection.
	 * @param socketId its socket id
	 * @return the connection, or {@code null} if it is not open on this node
	 */
	public @Nullable Connection get(String socketId) {
		return this.connections.get(socketId);
	}

	/**
	 * The number of open connections.
	 * @return the count
	 */
	public int size() {
		return this.connections.size();
	}

	/**
	 * All open connections.
	 * @return a live, weakly consistent view
	 */
	public Collection<Connection> all() {
		return Collections.unmodifiableCollection(this.connections.values());
	}

}
