package dev.sockets.channel;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.sockets.broker.Broker;
import dev.sockets.connection.Connection;
import dev.sockets.protocol.ChannelType;

/**
 * Internal: which local connections are subscribed to which channel. Lookups are O(1) and
 * fan-out iterates a weakly consistent view without a lock. The {@link Broker} hears of a
 * channel when it gets its first local subscriber and when it loses its last; both happen
 * inside the per-channel atomic update, so the broker never sees them out of order.
 */
public final class ChannelSubscriptions {

	private final Map<String, Set<Connection>> channels = new ConcurrentHashMap<>();

	private final Broker broker;

	/**
	 * Creates an empty registry.
	 * @param broker told about channels this node gains and loses
	 */
	public ChannelSubscriptions(Broker broker) {
		this.broker = broker;
	}

	/**
	 * Subscribes a connection to a channel; repeating it is harmless.
	 * @param channel the channel
	 * @param connection the connection
	 * @return {@code true} if the connection was not subscribed before
	 */
	public boolean subscribe(String channel, Connection connection) {
		boolean[] added = new boolean[1];
		this.channels.compute(channel, (name, subscribers) -> {
			if (subscribers == null) {
				subscribers = ConcurrentHashMap.newKeySet();
				this.broker.subscribe(name);
			}
			added[0] = subscribers.add(connection);
			return subscribers;
		});
		connection.addChannel(channel);
		if (connection.isClosed()) {
			// closed meanwhile: its close may have cleaned up before this channel was
			// recorded, so undo it here
			unsubscribe(channel, connection);
			return false;
		}
		return added[0];
	}

	/**
	 * Unsubscribes a connection from a channel; a connection that is not subscribed is
	 * ignored.
	 * @param channel the channel
	 * @param connection the connection
	 * @return {@code true} if the connection was subscribed
	 */
	public boolean unsubscribe(String channel, Connection connection) {
		boolean[] removed = new boolean[1];
		this.channels.computeIfPresent(channel, (name, subscribers) -> {
			removed[0] = subscribers.remove(connection);
			if (subscribers.isEmpty()) {
				this.broker.unsubscribe(name);
				return null;
			}
			return subscribers;
		});
		connection.removeChannel(channel);
		return removed[0];
	}

	/**
	 * Unsubscribes a connection from every channel it holds, e.g. when it closes.
	 * @param connection the connection
	 */
	public void unsubscribeAll(Connection connection) {
		for (String channel : connection.channels()) {
			unsubscribe(channel, connection);
		}
	}

	/**
	 * This node's subscriptions by channel type, counted now.
	 * @param type the channel type
	 * @return connections subscribed to channels of that type
	 */
	public long subscriptionCount(ChannelType type) {
		long count = 0;
		for (Map.Entry<String, Set<Connection>> entry : this.channels.entrySet()) {
			if (ChannelType.of(entry.getKey()) == type) {
				count += entry.getValue().size();
			}
		}
		return count;
	}

	/**
	 * How many channels have subscribers on this node.
	 * @return the count
	 */
	public int channelCount() {
		return this.channels.size();
	}

	/**
	 * The local subscribers of a channel.
	 * @param channel the channel
	 * @return a weakly consistent view, empty when nobody here is subscribed
	 */
	public Collection<Connection> subscribers(String channel) {
		Set<Connection> subscribers = this.channels.get(channel);
		return (subscribers != null) ? Collections.unmodifiableSet(subscribers) : Collections.emptySet();
	}

}
