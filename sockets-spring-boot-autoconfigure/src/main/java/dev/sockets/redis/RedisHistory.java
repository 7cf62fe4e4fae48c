package dev.sockets.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.sockets.protocol.Frames;
import dev.sockets.broker.Epochs;
import dev.sockets.broker.History;
import dev.sockets.broker.Publication;
import dev.sockets.broker.Retention;
import dev.sockets.broker.StreamPosition;

/**
 * Channels' histories in Redis, one script per operation: per channel a hash of its epoch
 * and last offset, and a stream of its last events, each entry's id its offset. Both keys
 * are in the slot of the channel's Redis channel, and both expire with the time to live
 * after the last event; when the hash is gone, whoever comes next starts a new epoch (its
 * own candidate) and drops what is left of the stream. Scripts keep to what Redis 6.2
 * has.
 */
final class RedisHistory {

	// KEYS: position, history. ARGV: epoch candidate, size, time to live (ms), the
	// message without its closing brace, Redis channel, PUBLISH or SPUBLISH, envelope
	// before the position, envelope between position and message. One script, so that
	// the order of the offsets is the order of the publications on the Redis channel.
	static final LuaScript<Long> RECORD = LuaScript.of("""
			local epoch = redis.call('HGET', KEYS[1], 'e')
			if not epoch then
				epoch = ARGV[1]
				redis.call('DEL', KEYS[2])
				redis.call('HSET', KEYS[1], 'e', epoch)
			end
			local offset = redis.call('HINCRBY', KEYS[1], 'o', 1)
			local n = string.format('%d', offset)
			local message = ARGV[4] .. ',"position":{"epoch":"' .. epoch .. '","offset":' .. n .. '}}'
			redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[2], n .. '-0', 'm', message)
			redis.call('PEXPIRE', KEYS[1], ARGV[3])
			redis.call('PEXPIRE', KEYS[2], ARGV[3])
			redis.call(ARGV[6], ARGV[5], ARGV[7] .. epoch .. ':' .. n .. ARGV[8] .. message)
			return offset
			""", Long.class);

	// KEYS: position, history. ARGV: epoch candidate, time to live (ms), the first id to
	// read or '' for the newest, the most entries. Answers {epoch, offset, entries}; a
	// channel without history gets the candidate as its epoch, so that its first
	// subscribers have a position to recover from.
	@SuppressWarnings("rawtypes")
	static final LuaScript<List> READ = LuaScript.of("""
			local epoch = redis.call('HGET', KEYS[1], 'e')
			if not epoch then
				redis.call('DEL', KEYS[2])
				redis.call('HSET', KEYS[1], 'e', ARGV[1], 'o', 0)
				redis.call('PEXPIRE', KEYS[1], ARGV[2])
				return {ARGV[1], 0, {}}
			end
			local offset = redis.call('HGET', KEYS[1], 'o') or '0'
			local limit = tonumber(ARGV[4])
			if limit <= 0 then
				return {epoch, offset, {}}
			end
			if ARGV[3] == '' then
				return {epoch, offset, redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', limit)}
			end
			return {epoch, offset, redis.call('XRANGE', KEYS[2], ARGV[3], '+', 'COUNT', limit)}
			""", List.class);

	private final PubSub pubSub;

	private final RedisKeys keys;

	private final Epochs epochs = new Epochs();

	RedisHistory(PubSub pubSub, RedisKeys keys) {
		this.pubSub = pubSub;
		this.keys = keys;
	}

	/**
	 * Records a publication and publishes it at its position, in one script.
	 * @param publication the publication, without a position
	 * @param retention the channel's retention
	 * @param envelope the publication's envelope, without a position
	 * @return completes with the offset once Redis ran the script
	 * @throws IllegalArgumentException if the message is not a JSON object
	 */
	CompletableFuture<Long> record(Publication publication, Retention retention, Envelope envelope) {
		String channel = publication.channel();
		String redisChannel = this.keys.channel(channel);
		return this.pubSub.eval(RECORD, List.of(this.keys.position(channel), this.keys.history(channel)),
				List.of(bytes(this.epochs.next()), bytes(retention.size()), bytes(retention.timeToLive().toMillis()),
						bytes(open(publication.message())), bytes(redisChannel),
						bytes(this.pubSub.sharded() ? "SPUBLISH" : "PUBLISH"), bytes(envelope.beforePosition()),
						bytes(envelope.afterPosition())));
	}

	/**
	 * Reads a channel's history, starting its epoch when it has none.
	 * @param channel the channel
	 * @param after the offset after which to read, or {@code -1} for the newest
	 * @param limit the most events read
	 * @param retention the channel's retention
	 * @return completes with the history once Redis answered, or fails; completing it
	 * first (a timeout) keeps a read still buffered by the client from being sent
	 */
	CompletableFuture<History> read(String channel, long after, int limit, Retention retention) {
		String from = (after < 0) ? "" : (after + 1) + "-0";
		@SuppressWarnings("rawtypes")
		CompletableFuture<List> answer = this.pubSub.eval(READ,
				List.of(this.keys.position(channel), this.keys.history(channel)), List.of(bytes(this.epochs.next()),
						bytes(retention.timeToLive().toMillis()), bytes(from), bytes(Math.max(0, limit))));
		CompletableFuture<History> history = answer.thenApply((reply) -> history(channel, reply, after < 0));
		history.whenComplete((read, failure) -> answer.cancel(false));
		return history;
	}

	/**
	 * The scripts, for loading them ahead of their first use.
	 * @return the scripts
	 */
	static List<LuaScript<?>> scripts() {
		return List.of(RECORD, READ);
	}

	// a message with its position is the message up to its closing brace, the position
	// and a brace, as Publication.at makes it
	static String open(String message) {
		return Frames.withoutClosingBrace(message);
	}

	private static History history(String channel, List<?> reply, boolean newestFirst) {
		String epoch = string(reply.get(0));
		StreamPosition head = new StreamPosition(epoch, number(reply.get(1)));
		List<Publication> publications = new ArrayList<>();
		for (Object entry : (List<?>) reply.get(2)) {
			List<?> idAndFields = (List<?>) entry;
			String id = string(idAndFields.get(0));
			long offset = Long.parseLong(id.substring(0, id.indexOf('-')));
			String message = string(((List<?>) idAndFields.get(1)).get(1));
			publications.add(new Publication(channel, message, null, Map.of(), new StreamPosition(epoch, offset)));
		}
		if (newestFirst) {
			Collections.reverse(publications);
		}
		return new History(head, publications);
	}

	private static long number(Object value) {
		return (value instanceof Long number) ? number : Long.parseLong(string(value));
	}

	private static String string(Object value) {
		return new String((byte[]) value, StandardCharsets.UTF_8);
	}

	private static byte[] bytes(Object value) {
		return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
	}

}
