package dev.sockets.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.sockets.channel.PresenceMember;
import dev.sockets.presence.PresenceStore;
import dev.sockets.presence.PresenceUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The {@link PresenceStore} of a cluster, in Redis, so every node's
 * {@link dev.sockets.presence.RoomManager} answers for all of them and a user with
 * connections on two nodes is one member.
 * <p>
 * Joining and leaving a presence channel are Lua scripts over the channel's keys (one
 * hash tag, so they work on Redis Cluster too): a hash of socket to user, a count of each
 * user's connections, the members' info and their join order. Each node also records
 * which channels, counts and users it contributed, and refreshes a heartbeat key; when a
 * node's heartbeat expires, another removes what it left behind and its members are
 * announced as gone.
 * <p>
 * While Redis is unreachable, presence subscriptions are refused (status 503) rather than
 * answered wrongly, and changes to counts, members and users are skipped; once Redis is
 * back the node records its connections again and removes what is gone. Every write is
 * idempotent per socket id, so recording again never counts anything twice.
 */
public final class RedisPresenceStore implements PresenceStore, DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisPresenceStore.class);

	private static final RedisScript<String> ADD_MEMBER = RedisScript.of("""
			if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 'PRESENT' end
			local known = redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1
			if not known and redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[4]) then return 'FULL' end
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
			if known then return 'PRESENT' end
			redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
			redis.call('ZADD', KEYS[4], redis.call('INCR', KEYS[5]), ARGV[2])
			return 'ADDED'
			""", String.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> REMOVE_MEMBER = RedisScript.of("""
			local user = redis.call('HGET', KEYS[1], ARGV[1])
			if not user then return {} end
			redis.call('HDEL', KEYS[1], ARGV[1])
			if redis.call('HINCRBY', KEYS[2], user, -1) > 0 then return {} end
			redis.call('HDEL', KEYS[2], user)
			local info = redis.call('HGET', KEYS[3], user)
			redis.call('HDEL', KEYS[3], user)
			redis.call('ZREM', KEYS[4], user)
			if redis.call('HLEN', KEYS[1]) == 0 then redis.call('DEL', KEYS[5]) end
			return {user, info}
			""", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> MEMBERS = RedisScript.of("""
			local result = {}
			for _, user in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
				table.insert(result, user)
				table.insert(result, redis.call('HGET', KEYS[2], user) or 'null')
			end
			return result
			""", List.class);

	// KEYS: the node's sockets of the channel, the node's counts, the cluster's counts
	private static final RedisScript<Long> ADD_SUBSCRIBER = RedisScript.of("""
			if redis.call('SADD', KEYS[1], ARGV[2]) == 0 then return -1 end
			redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
			return redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
			""", Long.class);

	private static final RedisScript<Long> REMOVE_SUBSCRIBER = RedisScript.of("""
			if redis.call('SREM', KEYS[1], ARGV[2]) == 0 then return -1 end
			if redis.call('HINCRBY', KEYS[2], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[2], ARGV[1]) end
			local count = redis.call('HINCRBY', KEYS[3], ARGV[1], -1)
			if count <= 0 then redis.call('HDEL', KEYS[3], ARGV[1]) return 0 end
			return count
			""", Long.class);

	// takes a departed node's share of one channel out of the cluster's count, once
	private static final RedisScript<Long> TAKE_BACK_SUBSCRIBERS = RedisScript.of("""
			local share = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
			redis.call('HDEL', KEYS[2], ARGV[1])
			redis.call('DEL', KEYS[1])
			if share > 0 and redis.call('HINCRBY', KEYS[3], ARGV[1], -share) <= 0 then
				redis.call('HDEL', KEYS[3], ARGV[1])
			end
			return share
			""", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final long node;

	private final JsonMapper jsonMapper;

	private final BooleanSupplier available;

	private final Duration nodeTimeout;

	private final ScheduledExecutorService heartbeat;

	private volatile boolean registeredOnce;

	// changes that could not be recorded while Redis was unreachable, and how many of
	// them the last restore started after: a restore is needed while they differ
	private final AtomicLong skippedWrites = new AtomicLong();

	private volatile long restoringFrom;

	private volatile long restoredUpTo;

	/**
	 * Creates the store and starts this node's heartbeat.
	 * @param connectionFactory the application's Redis connections
	 * @param keys the app's Redis names
	 * @param node this node's number
	 * @param jsonMapper reads and writes members' info
	 * @param available whether Redis is reachable now (the broker hears its canary)
	 * @param nodeTimeout how long a node may miss heartbeats before the others remove
	 * what it left behind
	 */
	public RedisPresenceStore(RedisConnectionFactory connectionFactory, RedisKeys keys, long node,
			JsonMapper jsonMapper, BooleanSupplier available, Duration nodeTimeout) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.node = node;
		this.jsonMapper = jsonMapper;
		this.available = available;
		this.nodeTimeout = nodeTimeout;
		this.heartbeat = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sockets-presence-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		try {
			this.registeredOnce = register();
		}
		catch (RuntimeException ex) {
			logger.debug("Redis is not reachable yet; the node registers when it is", ex);
		}
		long interval = Math.max(1, nodeTimeout.toMillis() / 3);
		this.heartbeat.scheduleWithFixedDelay(this::beat, 0, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public Join addMember(String channel, String socketId, PresenceMember member, int maxMembers) {
		String info = this.jsonMapper.writeValueAsString(member.userInfo());
		return read(() -> {
			// the node's claim first: a crash between the two leaves a claim the sweep
			// clears, never a member no sweep finds
			this.redis.opsForSet().add(this.keys.node(this.node, "presence"), channel);
			String result = this.redis.execute(ADD_MEMBER, presenceKeys(channel), socketId, member.userId(), info,
					String.valueOf(maxMembers));
			return Join.valueOf(result);
		});
	}

	@Override
	public @Nullable PresenceMember removeMember(String channel, String socketId) {
		return write(() -> remove(channel, socketId), null);
	}

	private @Nullable PresenceMember remove(String channel, String socketId) {
		List<?> removed = this.redis.execute(REMOVE_MEMBER, presenceKeys(channel), socketId);
		return (removed == null || removed.size() < 2) ? null : member(removed.get(0), removed.get(1));
	}

	@Override
	public List<PresenceMember> members(String channel) {
		List<?> flat = read(() -> this.redis.execute(MEMBERS,
				List.of(this.keys.presence(channel, "order"), this.keys.presence(channel, "members"))));
		List<PresenceMember> members = new ArrayList<>();
		for (int i = 0; flat != null && i + 1 < flat.size(); i += 2) {
			members.add(member(flat.get(i), flat.get(i + 1)));
		}
		return members;
	}

	@Override
	public long addSubscriber(String channel, String socketId) {
		return count(ADD_SUBSCRIBER, channel, socketId);
	}

	@Override
	public long removeSubscriber(String channel, String socketId) {
		return count(REMOVE_SUBSCRIBER, channel, socketId);
	}

	// the cluster-wide count, this node's share and the sockets behind it, so a departed
	// node's share can be taken back; -1 when nothing changed, which announces neither
	// occupied nor vacated
	private long count(RedisScript<Long> script, String channel, String socketId) {
		Long count = write(() -> this.redis.execute(script, countKeys(channel), channel, socketId), null);
		return (count != null) ? count : -1;
	}

	private List<String> countKeys(String channel) {
		return List.of(this.keys.subscribers(this.node, channel), this.keys.subscribers(this.node),
				this.keys.subscribers());
	}

	@Override
	public long subscriberCount(String channel) {
		Object count = read(() -> this.redis.opsForHash().get(this.keys.subscribers(), channel));
		return (count != null) ? Long.parseLong(count.toString()) : 0;
	}

	@Override
	public Map<String, Long> occupiedChannels(String prefix) {
		Map<String, Long> occupied = new TreeMap<>();
		read(() -> this.redis.<String, String>opsForHash().entries(this.keys.subscribers()))
			.forEach((channel, count) -> {
				long value = Long.parseLong(count);
				if (channel.startsWith(prefix) && value > 0) {
					occupied.put(channel, value);
				}
			});
		return occupied;
	}

	@Override
	public void addUserConnection(String userId, String socketId) {
		write(() -> {
			this.redis.opsForSet().add(this.keys.user(userId), socketId);
			return this.redis.opsForSet().add(this.keys.node(this.node, "users"), userId);
		}, null);
	}

	@Override
	public void removeUserConnection(String userId, String socketId) {
		write(() -> this.redis.opsForSet().remove(this.keys.user(userId), socketId), null);
	}

	@Override
	public List<String> userConnections(String userId) {
		Set<String> sockets = read(() -> this.redis.opsForSet().members(this.keys.user(userId)));
		return (sockets != null) ? new ArrayList<>(sockets) : List.of();
	}

	// "registered" has no expiry: it disappears only with Redis's data or a sweep of this
	// node, and is set again once the node has recorded its connections again
	@Override
	public boolean needsRestore() {
		if (!this.available.getAsBoolean()) {
			return false;
		}
		long skipped = this.skippedWrites.get();
		boolean lost = !Boolean.TRUE.equals(this.redis.hasKey(this.keys.node(this.node, "registered")));
		if (!lost && skipped == this.restoredUpTo) {
			return false;
		}
		if (lost && this.registeredOnce) {
			logger.warn("Redis lost what node " + this.node + " had recorded; recording its connections again");
		}
		else if (!lost) {
			logger.info("Node " + this.node + " could not record " + (skipped - this.restoredUpTo)
					+ " changes while Redis was unreachable; recording its connections again");
		}
		this.restoringFrom = skipped;
		return true;
	}

	@Override
	public List<Departure> removeStale(LiveSockets live) {
		List<Departure> departures = new ArrayList<>();
		String prefix = this.node + ".";
		for (Object channel : this.redis.opsForHash().keys(this.keys.subscribers(this.node))) {
			Set<String> sockets = this.redis.opsForSet().members(this.keys.subscribers(this.node, channel.toString()));
			for (String socket : (sockets != null) ? sockets : Set.<String>of()) {
				if (!live.isSubscribed(socket, channel.toString())) {
					removeSubscriber(channel.toString(), socket);
				}
			}
		}
		Set<String> channels = this.redis.opsForSet().members(this.keys.node(this.node, "presence"));
		for (String channel : (channels != null) ? channels : Set.<String>of()) {
			for (Object socket : this.redis.opsForHash().keys(this.keys.presence(channel, "sockets"))) {
				if (socket.toString().startsWith(prefix) && !live.isSubscribed(socket.toString(), channel)) {
					PresenceMember gone = removeMember(channel, socket.toString());
					if (gone != null) {
						departures.add(new Departure(channel, gone));
					}
				}
			}
		}
		Set<String> users = this.redis.opsForSet().members(this.keys.node(this.node, "users"));
		for (String user : (users != null) ? users : Set.<String>of()) {
			Set<String> sockets = this.redis.opsForSet().members(this.keys.user(user));
			for (String socket : (sockets != null) ? sockets : Set.<String>of()) {
				if (socket.startsWith(prefix) && !live.isOpen(socket)) {
					removeUserConnection(user, socket);
				}
			}
		}
		return departures;
	}

	@Override
	public void restored() {
		if (this.skippedWrites.get() != this.restoringFrom) {
			throw new PresenceUnavailableException("Redis became unreachable while node " + this.node
					+ " recorded its connections again; trying again");
		}
		register();
		this.restoredUpTo = this.restoringFrom;
		this.registeredOnce = true;
	}

	private boolean register() {
		return Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(this.keys.node(this.node, "registered"), "1"));
	}

	@Override
	public List<Departure> removeDepartedNodes() {
		if (!this.available.getAsBoolean()) {
			return List.of();
		}
		List<Departure> departures = new ArrayList<>();
		Set<String> nodes = this.redis.opsForSet().members(this.keys.nodes());
		for (String other : (nodes != null) ? nodes : Set.<String>of()) {
			long departed = Long.parseLong(other);
			if (departed != this.node && !Boolean.TRUE.equals(this.redis.hasKey(this.keys.node(departed, "alive")))
					&& claim(departed)) {
				departures.addAll(removeLeftovers(departed));
			}
		}
		return departures;
	}

	// one node cleans up after a departed one; the claim outlives the cleanup
	private boolean claim(long departed) {
		return Boolean.TRUE.equals(this.redis.opsForValue()
			.setIfAbsent(this.keys.node(departed, "sweep"), String.valueOf(this.node), this.nodeTimeout));
	}

	// Returns every member it removed even when a later step fails: a member taken out
	// of Redis must be announced now, since a retry will not find it again. The node
	// leaves the registry only when everything is done, so a failed sweep is retried.
	private List<Departure> removeLeftovers(long departed) {
		String prefix = departed + ".";
		List<Departure> departures = new ArrayList<>();
		try {
			Set<String> channels = this.redis.opsForSet().members(this.keys.node(departed, "presence"));
			for (String channel : (channels != null) ? channels : Set.<String>of()) {
				for (Object socket : this.redis.opsForHash().keys(this.keys.presence(channel, "sockets"))) {
					if (socket.toString().startsWith(prefix)) {
						PresenceMember gone = remove(channel, socket.toString());
						if (gone != null) {
							departures.add(new Departure(channel, gone));
						}
					}
				}
			}
			this.redis.delete(this.keys.node(departed, "presence"));
			for (Object channel : this.redis.opsForHash().keys(this.keys.subscribers(departed))) {
				this.redis.execute(TAKE_BACK_SUBSCRIBERS, List.of(this.keys.subscribers(departed, channel.toString()),
						this.keys.subscribers(departed), this.keys.subscribers()), channel.toString());
			}
			Set<String> users = this.redis.opsForSet().members(this.keys.node(departed, "users"));
			for (String user : (users != null) ? users : Set.<String>of()) {
				Set<String> sockets = this.redis.opsForSet().members(this.keys.user(user));
				for (String socket : (sockets != null) ? sockets : Set.<String>of()) {
					if (socket.startsWith(prefix)) {
						this.redis.opsForSet().remove(this.keys.user(user), socket);
					}
				}
			}
			this.redis.delete(this.keys.node(departed, "users"));
			// should the node still be alive, it sees this and records its connections
			// again
			this.redis.delete(this.keys.node(departed, "registered"));
			this.redis.opsForSet().remove(this.keys.nodes(), String.valueOf(departed));
			logger.info(
					"Removed what node " + departed + " left behind: " + departures.size() + " presence members gone");
		}
		catch (RuntimeException ex) {
			logger.warn("Cleaning up after node " + departed + " was interrupted; it is retried", ex);
		}
		return departures;
	}

	// not gated by the canary: a node whose canary is late is still alive, and must not
	// be swept by the others for it
	private void beat() {
		try {
			this.redis.opsForValue().set(this.keys.node(this.node, "alive"), "1", this.nodeTimeout);
			this.redis.opsForSet().add(this.keys.nodes(), String.valueOf(this.node));
		}
		catch (RuntimeException ex) {
			logger.debug("Missed a heartbeat", ex);
		}
	}

	private List<String> presenceKeys(String channel) {
		return List.of(this.keys.presence(channel, "sockets"), this.keys.presence(channel, "users"),
				this.keys.presence(channel, "members"), this.keys.presence(channel, "order"),
				this.keys.presence(channel, "seq"));
	}

	private PresenceMember member(Object userId, @Nullable Object info) {
		Object userInfo = (info == null) ? null : this.jsonMapper.readValue(info.toString(), Object.class);
		return new PresenceMember(userId.toString(), userInfo);
	}

	// writes are skipped rather than left to time out while Redis is unreachable, and
	// counted so that the node records its connections again when it is back
	private boolean writable() {
		if (this.available.getAsBoolean()) {
			return true;
		}
		this.skippedWrites.incrementAndGet();
		return false;
	}

	// A write that fails because Redis just became unreachable (before the canary tells)
	// is skipped and counted in the same way, never thrown at the connection.
	private <T> @Nullable T write(Supplier<@Nullable T> write, @Nullable T skipped) {
		if (!writable()) {
			return skipped;
		}
		try {
			return write.get();
		}
		catch (DataAccessException ex) {
			this.skippedWrites.incrementAndGet();
			logger.debug("Redis did not take a presence write; recording it again when Redis is back", ex);
			return skipped;
		}
	}

	// a read, or a write that must not be skipped, is refused (503) rather than answered
	// wrongly
	private <T> T read(Supplier<T> read) {
		if (!this.available.getAsBoolean()) {
			throw new PresenceUnavailableException("Presence is unavailable while Redis is unreachable; try again");
		}
		try {
			return read.get();
		}
		catch (DataAccessException ex) {
			throw new PresenceUnavailableException("Presence is unavailable: Redis did not answer; try again", ex);
		}
	}

	@Override
	public void destroy() {
		this.heartbeat.shutdownNow();
	}

}
