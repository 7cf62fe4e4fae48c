package dev.sockets.presence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import dev.sockets.channel.PresenceMember;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the {@link PresenceStore} and {@link ConnectionIndex} of a single node, in
 * memory. Each presence channel is updated under its own lock, so joins and leaves of
 * different channels never wait on each other; every stage is complete when returned.
 */
public final class LocalPresenceStore implements PresenceStore, ConnectionIndex {

	private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

	private final Map<String, Roster> rosters = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> subscribers = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> users = new ConcurrentHashMap<>();

	@Override
	public CompletionStage<Join> addMember(String channel, String socketId, PresenceMember member, int maxMembers) {
		Join[] join = new Join[1];
		this.rosters.compute(channel, (name, roster) -> {
			Roster updated = (roster != null) ? roster : new Roster();
			join[0] = updated.add(socketId, member, maxMembers);
			return updated.isEmpty() ? null : updated;
		});
		return CompletableFuture.completedFuture(join[0]);
	}

	@Override
	public CompletionStage<@Nullable PresenceMember> removeMember(String channel, String socketId) {
		Object[] removed = new Object[1];
		this.rosters.computeIfPresent(channel, (name, roster) -> {
			removed[0] = roster.remove(socketId);
			return roster.isEmpty() ? null : roster;
		});
		return CompletableFuture.completedFuture((PresenceMember) removed[0]);
	}

	@Override
	public CompletionStage<List<PresenceMember>> members(String channel) {
		Roster roster = this.rosters.get(channel);
		if (roster == null) {
			return CompletableFuture.completedFuture(List.of());
		}
		synchronized (roster) {
			return CompletableFuture.completedFuture(List.copyOf(roster.members.values()));
		}
	}

	@Override
	public CompletionStage<Integer> memberCount(String channel) {
		Roster roster = this.rosters.get(channel);
		if (roster == null) {
			return CompletableFuture.completedFuture(0);
		}
		synchronized (roster) {
			return CompletableFuture.completedFuture(roster.members.size());
		}
	}

	@Override
	public CompletionStage<Long> addSubscriber(String channel, String socketId) {
		long[] count = { -1 };
		this.subscribers.compute(channel, (name, sockets) -> {
			Set<String> updated = (sockets != null) ? sockets : new LinkedHashSet<>();
			if (updated.add(socketId)) {
				count[0] = updated.size();
			}
			return updated;
		});
		return CompletableFuture.completedFuture(count[0]);
	}

	@Override
	public CompletionStage<Long> removeSubscriber(String channel, String socketId) {
		long[] count = { -1 };
		this.subscribers.computeIfPresent(channel, (name, sockets) -> {
			if (sockets.remove(socketId)) {
				count[0] = sockets.size();
			}
			return sockets.isEmpty() ? null : sockets;
		});
		return CompletableFuture.completedFuture(count[0]);
	}

	@Override
	public CompletionStage<Long> subscriberCount(String channel) {
		return CompletableFuture.completedFuture(count(channel));
	}

	private long count(String channel) {
		long[] count = { 0 };
		this.subscribers.computeIfPresent(channel, (name, sockets) -> {
			count[0] = sockets.size();
			return sockets;
		});
		return count[0];
	}

	@Override
	public CompletionStage<Map<String, Long>> occupiedChannels(String prefix) {
		Map<String, Long> occupied = new TreeMap<>();
		for (String channel : this.subscribers.keySet()) {
			long count = channel.startsWith(prefix) ? count(channel) : 0;
			if (count > 0) {
				occupied.put(channel, count);
			}
		}
		return CompletableFuture.completedFuture(occupied);
	}

	@Override
	public CompletionStage<Void> addUserConnection(String userId, String socketId) {
		this.users.computeIfAbsent(userId, (id) -> ConcurrentHashMap.newKeySet()).add(socketId);
		return DONE;
	}

	@Override
	public CompletionStage<Void> removeUserConnection(String userId, String socketId) {
		this.users.computeIfPresent(userId, (id, sockets) -> {
			sockets.remove(socketId);
			return sockets.isEmpty() ? null : sockets;
		});
		return DONE;
	}

	@Override
	public CompletionStage<List<String>> userConnections(String userId) {
		Set<String> sockets = this.users.get(userId);
		return CompletableFuture.completedFuture((sockets != null) ? new ArrayList<>(sockets) : List.of());
	}

	/**
	 * One presence channel: each user's member and connections. Only touched inside the
	 * channel's map entry, and read under its monitor.
	 */
	private static final class Roster {

		private final Map<String, PresenceMember> members = new LinkedHashMap<>();

		private final Map<String, Set<String>> socketsByUser = new LinkedHashMap<>();

		private final Map<String, String> userBySocket = new LinkedHashMap<>();

		synchronized Join add(String socketId, PresenceMember member, int maxMembers) {
			String user = member.userId();
			String previous = this.userBySocket.get(socketId);
			if (previous != null) {
				// a repeated subscribe of the same connection changes nothing
				return Join.PRESENT;
			}
			boolean known = this.members.containsKey(user);
			if (!known && this.members.size() >= maxMembers) {
				return Join.FULL;
			}
			this.userBySocket.put(socketId, user);
			this.socketsByUser.computeIfAbsent(user, (id) -> new LinkedHashSet<>()).add(socketId);
			if (known) {
				return Join.PRESENT;
			}
			this.members.put(user, member);
			return Join.ADDED;
		}

		synchronized @Nullable PresenceMember remove(String socketId) {
			String user = this.userBySocket.remove(socketId);
			if (user == null) {
				return null;
			}
			Set<String> sockets = this.socketsByUser.get(user);
			sockets.remove(socketId);
			if (!sockets.isEmpty()) {
				return null;
			}
			this.socketsByUser.remove(user);
			return this.members.remove(user);
		}

		synchronized boolean isEmpty() {
			return this.userBySocket.isEmpty();
		}

	}

}
