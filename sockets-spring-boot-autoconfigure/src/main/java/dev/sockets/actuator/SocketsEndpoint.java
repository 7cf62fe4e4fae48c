package dev.sockets.actuator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sockets.channel.PresenceMember;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.presence.RoomManager;
import dev.sockets.protocol.ChannelType;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * Internal: the {@code sockets} Actuator endpoint. Reading (allowed by default): the
 * node, its uptime and connections, and the occupied channels with subscriber counts
 * (paged, filtered by prefix) at {@code /actuator/sockets}; one channel with its members
 * at {@code /actuator/sockets/channels/{name}}; one user's connections at
 * {@code /actuator/sockets/users/{id}}. Writing needs
 * {@code management.endpoint.sockets.access=unrestricted} (and securing the endpoint):
 * {@code POST /actuator/sockets/users/{id}} disconnects a user, {@code DELETE
 * /actuator/sockets/channels/{name}} closes a channel. Channel, member and user answers
 * come from the presence store, so they are cluster-wide with Redis.
 */
@Endpoint(id = "sockets", defaultAccess = Access.READ_ONLY)
public final class SocketsEndpoint {

	private static final int MAX_PAGE_SIZE = 1000;

	private final RoomManager rooms;

	private final ConnectionRegistry connections;

	private final long node;

	private final Clock clock;

	private final Instant startedAt;

	/**
	 * Creates the endpoint.
	 * @param rooms answers for channels, members and users
	 * @param connections this node's connections
	 * @param node this node's number
	 * @param clock the clock uptime is measured with
	 */
	public SocketsEndpoint(RoomManager rooms, ConnectionRegistry connections, long node, Clock clock) {
		this.rooms = rooms;
		this.connections = connections;
		this.node = node;
		this.clock = clock;
		this.startedAt = clock.instant();
	}

	@ReadOperation
	public Map<String, Object> summary(@Nullable String prefix, @Nullable Integer page, @Nullable Integer size) {
		int pageSize = Math.max(1, Math.min((size != null) ? size : 100, MAX_PAGE_SIZE));
		int pageNumber = Math.max(0, (page != null) ? page : 0);
		Map<String, Long> occupied = this.rooms.occupiedChannels((prefix != null) ? prefix : "");
		Map<String, Long> shown = new LinkedHashMap<>();
		occupied.entrySet()
			.stream()
			.skip((long) pageNumber * pageSize)
			.limit(pageSize)
			.forEach((entry) -> shown.put(entry.getKey(), entry.getValue()));
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("node", String.valueOf(this.node));
		summary.put("uptime", Duration.between(this.startedAt, this.clock.instant()).toString());
		summary.put("connections", this.connections.size());
		summary.put("occupiedChannels", occupied.size());
		summary.put("page", pageNumber);
		summary.put("size", pageSize);
		summary.put("channels", shown);
		return summary;
	}

	@ReadOperation
	public @Nullable Map<String, Object> entry(@Selector String kind, @Selector String name) {
		if ("channels".equals(kind)) {
			Map<String, Object> channel = new LinkedHashMap<>();
			channel.put("channel", name);
			channel.put("subscribers", this.rooms.subscriberCount(name));
			if (ChannelType.of(name) == ChannelType.PRESENCE) {
				List<PresenceMember> members = this.rooms.members(name);
				channel.put("members", members);
			}
			return channel;
		}
		if ("users".equals(kind)) {
			Map<String, Object> user = new LinkedHashMap<>();
			user.put("user", name);
			List<String> connections = this.rooms.connections(name);
			user.put("online", !connections.isEmpty());
			user.put("connections", connections);
			return user;
		}
		return null;
	}

	@WriteOperation
	public @Nullable Map<String, Object> disconnect(@Selector String kind, @Selector String name) {
		if (!"users".equals(kind)) {
			return null;
		}
		return Map.of("user", name, "disconnected", this.rooms.disconnect(name));
	}

	@DeleteOperation
	public @Nullable Map<String, Object> close(@Selector String kind, @Selector String name) {
		if (!"channels".equals(kind)) {
			return null;
		}
		return Map.of("channel", name, "unsubscribed", this.rooms.closeChannel(name));
	}

}
