package dev.sockets.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import dev.sockets.channel.PresenceMember;
import dev.sockets.connection.ThreadPools;
import dev.sockets.presence.ConnectionIndex;
import dev.sockets.presence.NodeRecovery;
import dev.sockets.presence.PresenceStore;
import dev.sockets.presence.PresenceUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Internal: the {@link PresenceStore} of a cluster, in Redis, so every node's
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
public final class RedisPresenceStore implements PresenceStore, ConnectionIndex, NodeRecovery, DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisPresenceStore.class);

	private static final RedisScript<String> ADD_MEMBER = LuaScript.of("""
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

	// one string, [user, info] as JSON, or '' when no member left: a single value reads
	// the same through every client API
	private static final RedisScript<String> REMOVE_MEMBER = LuaScript.of("""
			local user = redis.call('HGET', KEYS[1], ARGV[1])
			if not user then return '' end
			redis.call('HDEL', KEYS[1], ARGV[1])
			if redis.call('HINCRBY', KEYS[2], user, -1) > 0 then return '' end
			redis.call('HDEL', KEYS[2], user)
			local info = redis.call('HGET', KEYS[3], user) or 'null'
			redis.call('HDEL', KEYS[3], user)
			redis.call('ZREM', KEYS[4], user)
			if redis.call('HLEN', KEYS[1]) == 0 then redis.call('DEL', KEYS[5]) end
			return cjson.encode({user, info})
			""", String.class);

	// [user, info, user, info, …] as JSON, in join order; '' when nobody is in it
	private static final RedisScript<String> MEMBERS = LuaScript.of("""
			local result = {}
			for _, user in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
				table.insert(result, user)
				table.insert(result, redis.call('HGET', KEYS[2], user) or 'null')
			end
			if #result == 0 then return '' end
			return cjson.encode(result)
			""", String.class);

	// KEYS: the node's sockets of the channel, the node's counts, the cluster's counts
	private static final RedisScript<Long> ADD_SUBSCRIBER = LuaScript.of("""
			if redis.call('SADD', KEYS[1], ARGV[2]) == 0 then return -1 end
			redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
			return redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
			""", Long.class);

	private static final RedisScript<Long> REMOVE_SUBSCRIBER = LuaScript.of("""
			if redis.call('SREM', KEYS[1], ARGV[2]) == 0 then return -1 end
			if redis.call('HINCRBY', KEYS[2], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[2], ARGV[1]) end
			local count = redis.call('HINCRBY', KEYS[3], ARGV[1], -1)
			if count <= 0 then redis.call('HDEL', KEYS[3], ARGV[1]) return 0 end
			return count
			""", Long.class);

	// takes a departed node's share of one channel out of the cluster's count, once
	private static final RedisScript<Long> TAKE_BACK_SUBSCRIBERS = LuaScript.of("""
			local share = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
			redis.call('HDEL', KEYS[2], ARGV[1])
			redis.call('DEL', KEYS[1])
			local before = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
			if share > 0 and redis.call('HINCRBY', KEYS[3], ARGV[1], -share) <= 0 then
				redis.call('HDEL', KEYS[3], ARGV[1])
				-- vacated by this node's departure, not already empty
				if before > 0 then
					return 1
				end
			end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final ReactiveStringRedisTemplate reactive;

	private final ReactiveConnectionOpener connection;

	private final Duration timeout;

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
	 * @param timeout how long an operation waits for Redis
	 */
	public RedisPresenceStore(RedisConnectionFactory connectionFactory, RedisKeys keys, long node,
			JsonMapper jsonMapper, BooleanSupplier available, Duration nodeTimeout, Duration timeout) {
		if (!(connectionFactory instanceof ReactiveRedisConnectionFactory reactive)) {
			throw new IllegalStateException("The Redis presence store needs Spring Data Redis on Lettuce (its default "
					+ "client); found " + connectionFactory.getClass().getName());
		}
		this.redis = new StringRedisTemplate(connectionFactory);
		this.reactive = new ReactiveStringRedisTemplate(reactive);
		this.connection = new ReactiveConnectionOpener(reactive);
		this.timeout = timeout;
		this.keys = keys;
		this.node = node;
		this.jsonMapper = jsonMapper;
		this.available = available;
		this.nodeTimeout = nodeTimeout;
		this.heartbeat = ThreadPools.scheduler("presence-heartbeat");
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
	public CompletionStage<Join> addMember(String channel, String socketId, PresenceMember member, int maxMembers) {
		String info = this.jsonMapper.writeValueAsString(member.userInfo());
		// the node's claim first: a crash between the two leaves a claim the sweep
		// clears, never a member no sweep finds
		CompletableFuture<Join> join = read(this.reactive.opsForSet()
			.add(this.keys.node(this.node, "presence"), channel)
			.then(this.reactive
				.execute(ADD_MEMBER, presenceKeys(channel),
						List.of(socketId, member.userId(), info, String.valueOf(maxMembers)))
				.next())
			.map(Join::valueOf));
		return join.whenComplete((joined, failure) -> {
			if (failure != null) {
				// Redis may have run the script after all: the join was refused, so take
				// it back (after it, on the same connection), or have the next restore
				// do so
				this.skippedWrites.incrementAndGet();
				removeMember(channel, socketId);
			}
		});
	}

	@Override
	public CompletionStage<@Nullable PresenceMember> removeMember(String channel, String socketId) {
		return write(this.reactive.execute(REMOVE_MEMBER, presenceKeys(channel), List.of(socketId))
			.next()
			.mapNotNull(this::removed), null);
	}

	// what REMOVE_MEMBER answered; the empty marker maps to no member (an empty Mono)
	private @Nullable PresenceMember removed(String answer) {
		if (answer.isEmpty()) {
			return null;
		}
		JsonNode pair = this.jsonMapper.readTree(answer);
		return member(pair.get(0).stringValue(), pair.get(1).stringValue());
	}

	@Override
	public CompletionStage<List<PresenceMember>> members(String channel) {
		return read(this.reactive
			.execute(MEMBERS, List.of(this.keys.presence(channel, "order"), this.keys.presence(channel, "members")),
					List.of())
			.next()
			.map(this::parseMembers)
			.defaultIfEmpty(List.of()));
	}

	private List<PresenceMember> parseMembers(String answer) {
		if (answer.isEmpty()) {
			return List.of();
		}
		JsonNode flat = this.jsonMapper.readTree(answer);
		List<PresenceMember> members = new ArrayList<>(flat.size() / 2);
		for (int i = 0; i + 1 < flat.size(); i += 2) {
			members.add(member(flat.get(i).stringValue(), flat.get(i + 1).stringValue()));
		}
		return members;
	}

	@Override
	public CompletionStage<Integer> memberCount(String channel) {
		return read(this.reactive.opsForHash()
			.size(this.keys.presence(channel, "users"))
			.map(Long::intValue)
			.defaultIfEmpty(0));
	}

	@Override
	public CompletionStage<Long> addSubscriber(String channel, String socketId) {
		return count(ADD_SUBSCRIBER, channel, socketId);
	}

	@Override
	public CompletionStage<Long> removeSubscriber(String channel, String socketId) {
		return count(REMOVE_SUBSCRIBER, channel, socketId);
	}

	// the cluster-wide count, this node's share and the sockets behind it, so a departed
	// node's share can be taken back; -1 when nothing changed, which announces neither
	// occupied nor vacated
	private CompletionStage<Long> count(RedisScript<Long> script, String channel, String socketId) {
		return write(this.reactive.execute(script, countKeys(channel), List.of(channel, socketId)).next(), -1L);
	}

	private List<String> countKeys(String channel) {
		return List.of(this.keys.subscribers(this.node, channel), this.keys.subscribers(this.node),
				this.keys.subscribers());
	}

	@Override
	public CompletionStage<Long> subscriberCount(String channel) {
		return read(this.reactive.<String, String>opsForHash()
			.get(this.keys.subscribers(), channel)
			.map(Long::parseLong)
			.defaultIfEmpty(0L));
	}

	@Override
	public CompletionStage<Map<String, Long>> occupiedChannels(String prefix) {
		return read(this.reactive.<String, String>opsForHash()
			.entries(this.keys.subscribers())
			.filter((entry) -> entry.getKey().startsWith(prefix) && Long.parseLong(entry.getValue()) > 0)
			.<Map<String, Long>>collect(TreeMap::new,
					(occupied, entry) -> occupied.put(entry.getKey(), Long.parseLong(entry.getValue()))));
	}

	@Override
	public CompletionStage<Void> addUserConnection(String userId, String socketId) {
		return write(this.reactive.opsForSet()
			.add(this.keys.user(userId), socketId)
			.then(this.reactive.opsForSet().add(this.keys.node(this.node, "users"), userId))
			.then(), null);
	}

	@Override
	public CompletionStage<Void> removeUserConnection(String userId, String socketId) {
		return write(this.reactive.opsForSet().remove(this.keys.user(userId), socketId).then(), null);
	}

	@Override
	public CompletionStage<List<String>> userConnections(String userId) {
		return read(this.reactive.opsForSet().members(this.keys.user(userId)).collectList());
	}

	// on the sweeper's thread, which may wait
	private @Nullable PresenceMember remove(String channel, String socketId) {
		String answer = this.redis.execute(REMOVE_MEMBER, presenceKeys(channel), socketId);
		return (answer != null) ? removed(answer) : null;
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
	public Leftovers removeStale(LiveSockets live) {
		List<Departure> departures = new ArrayList<>();
		List<String> vacated = new ArrayList<>();
		String prefix = this.node + ".";
		for (Object channel : this.redis.opsForHash().keys(this.keys.subscribers(this.node))) {
			Set<String> sockets = this.redis.opsForSet().members(this.keys.subscribers(this.node, channel.toString()));
			for (String socket : (sockets != null) ? sockets : Set.<String>of()) {
				if (!live.isSubscribed(socket, channel.toString())
						&& removeSubscriber(channel.toString(), socket).toCompletableFuture().join() == 0) {
					vacated.add(channel.toString());
				}
			}
		}
		Set<String> channels = this.redis.opsForSet().members(this.keys.node(this.node, "presence"));
		for (String channel : (channels != null) ? channels : Set.<String>of()) {
			for (Object socket : this.redis.opsForHash().keys(this.keys.presence(channel, "sockets"))) {
				if (socket.toString().startsWith(prefix) && !live.isSubscribed(socket.toString(), channel)) {
					PresenceMember gone = remove(channel, socket.toString());
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
					this.redis.opsForSet().remove(this.keys.user(user), socket);
				}
			}
		}
		return new Leftovers(departures, vacated);
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
	public Leftovers removeDepartedNodes() {
		if (!this.available.getAsBoolean()) {
			return Leftovers.NONE;
		}
		List<Departure> departures = new ArrayList<>();
		List<String> vacated = new ArrayList<>();
		Set<String> nodes = this.redis.opsForSet().members(this.keys.nodes());
		for (String other : (nodes != null) ? nodes : Set.<String>of()) {
			long departed = Long.parseLong(other);
			if (departed != this.node && !Boolean.TRUE.equals(this.redis.hasKey(this.keys.node(departed, "alive")))
					&& claim(departed)) {
				removeLeftovers(departed, departures, vacated);
			}
		}
		return new Leftovers(departures, vacated);
	}

	// one node cleans up after a departed one; the claim outlives the cleanup
	private boolean claim(long departed) {
		return Boolean.TRUE.equals(this.redis.opsForValue()
			.setIfAbsent(this.keys.node(departed, "sweep"), String.valueOf(this.node), this.nodeTimeout));
	}

	// Returns every member it removed even when a later step fails: a member taken out
	// of Redis must be announced now, since a retry will not find it again. The node
	// leaves the registry only when everything is done, so a failed sweep is retried.
	private void removeLeftovers(long departed, List<Departure> departures, List<String> vacated) {
		String prefix = departed + ".";
		int members = departures.size();
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
				Long emptied = this.redis.execute(TAKE_BACK_SUBSCRIBERS,
						List.of(this.keys.subscribers(departed, channel.toString()), this.keys.subscribers(departed),
								this.keys.subscribers()),
						channel.toString());
				if (Long.valueOf(1).equals(emptied)) {
					vacated.add(channel.toString());
				}
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
			logger.info("Removed what node " + departed + " left behind: " + (departures.size() - members)
					+ " presence members gone, " + vacated.size() + " channels vacated");
		}
		catch (RuntimeException ex) {
			logger.warn("Cleaning up after node " + departed + " was interrupted; it is retried", ex);
		}
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

	private PresenceMember member(String userId, String info) {
		Object userInfo = this.jsonMapper.readValue(info, Object.class);
		return new PresenceMember(userId, userInfo);
	}

	// writes are skipped rather than left to time out while Redis is unreachable, and
	// counted so that the node records its connections again when it is back
	private boolean writable() {
		if (this.available.getAsBoolean() && this.connection.isOpen()) {
			return true;
		}
		this.skippedWrites.incrementAndGet();
		return false;
	}

	// A write that fails or times out (Redis just became unreachable, before the canary
	// tells) is skipped and counted in the same way, never failed at the connection.
	private <T> CompletableFuture<T> write(Mono<T> write, T skipped) {
		if (!writable()) {
			return CompletableFuture.completedFuture(skipped);
		}
		return write.timeout(this.timeout).toFuture().handle((done, failure) -> {
			if (failure == null) {
				return (done != null) ? done : skipped;
			}
			this.skippedWrites.incrementAndGet();
			logger.debug("Redis did not take a presence write; recording it again when Redis is back", failure);
			return skipped;
		});
	}

	// a read, or a write that must not be skipped, is refused (503) rather than answered
	// wrongly
	private <T> CompletableFuture<T> read(Mono<T> read) {
		if (!this.available.getAsBoolean() || !this.connection.isOpen()) {
			return CompletableFuture.failedFuture(
					new PresenceUnavailableException("Presence is unavailable while Redis is unreachable; try again"));
		}
		return read.timeout(this.timeout).toFuture().handle((done, failure) -> {
			if (failure != null) {
				throw new CompletionException(new PresenceUnavailableException(
						"Presence is unavailable: Redis did not answer in time; try again", failure));
			}
			return done;
		});
	}

	@Override
	public void destroy() {
		this.heartbeat.shutdownNow();
	}

}
