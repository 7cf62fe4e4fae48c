package dev.sockets.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import dev.sockets.webhook.WebhookJournal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Internal: failed webhook requests kept in one Redis hash of the app, each under its
 * node, so that when a node stops (a deploy, a crash) the others (or its successor) adopt
 * its retries once its heartbeat has expired. Asynchronous throughout: nothing waits for
 * Redis, and a Redis that cannot be reached only means retries stay in memory.
 */
public final class RedisWebhookJournal implements WebhookJournal {

	private static final Log logger = LogFactory.getLog(RedisWebhookJournal.class);

	// moves one kept request to the adopting node, unless another node took it first
	private static final RedisScript<String> ADOPT = LuaScript.of("""
			local kept = redis.call('HGET', KEYS[1], ARGV[1])
			if not kept then
				return false
			end
			redis.call('HDEL', KEYS[1], ARGV[1])
			redis.call('HSET', KEYS[1], ARGV[2], kept)
			return kept
			""", String.class);

	private final ReactiveStringRedisTemplate redis;

	private final RedisKeys keys;

	private final long node;

	private final Duration timeout;

	/**
	 * Creates the journal.
	 * @param connectionFactory the application's Redis connections (Lettuce)
	 * @param keys the app's Redis names
	 * @param node this node
	 * @param timeout how long one Redis call may take
	 */
	public RedisWebhookJournal(RedisConnectionFactory connectionFactory, RedisKeys keys, long node, Duration timeout) {
		if (!(connectionFactory instanceof ReactiveRedisConnectionFactory reactive)) {
			throw new IllegalStateException("The webhook journal needs Spring Data Redis on Lettuce (its default "
					+ "client); found " + connectionFactory.getClass().getName());
		}
		this.redis = new ReactiveStringRedisTemplate(reactive);
		this.keys = keys;
		this.node = node;
		this.timeout = timeout;
	}

	@Override
	public void keep(KeptBatch batch) {
		this.redis.opsForHash()
			.put(this.keys.webhooks(), field(this.node, batch), value(batch))
			.timeout(this.timeout)
			.subscribe((kept) -> {
			}, (failure) -> logger.debug("Could not keep a webhook request in Redis; its retries stay in memory",
					failure));
	}

	@Override
	public void forget(KeptBatch batch) {
		this.redis.opsForHash()
			.remove(this.keys.webhooks(), field(this.node, batch))
			.timeout(this.timeout)
			.subscribe((removed) -> {
			}, (failure) -> logger.debug("Could not forget a webhook request in Redis", failure));
	}

	// field names only; a body is read when its request is adopted. One heartbeat check
	// per owning node, however many requests it kept; each entry adopted on its own, so
	// a bad one is skipped and never stops the others
	@Override
	public CompletionStage<List<KeptBatch>> adoptOrphans() {
		return this.redis.<String, String>opsForHash()
			.keys(this.keys.webhooks())
			.timeout(this.timeout)
			.filter(this::isAnotherNodes)
			.collectMultimap(RedisWebhookJournal::owner)
			.flatMapIterable(Map::entrySet)
			.concatMap((kept) -> adoptIfStopped(kept.getKey(), kept.getValue()).onErrorResume((failure) -> {
				logger.debug("Could not check node " + kept.getKey() + " for orphaned webhook requests", failure);
				return Mono.empty();
			}))
			.onErrorResume((failure) -> {
				logger.debug("Could not look for orphaned webhook requests in Redis", failure);
				return Mono.empty();
			})
			.collectList()
			.toFuture()
			.thenApply(ArrayList::new);
	}

	// an owner whose heartbeat expired has stopped: its kept requests are this node's now
	private Flux<KeptBatch> adoptIfStopped(long owner, Collection<String> fields) {
		return this.redis.hasKey(this.keys.node(owner, "alive"))
			.timeout(this.timeout)
			.flatMapMany((alive) -> alive ? Flux.empty() : Flux.fromIterable(fields))
			.concatMap((field) -> adopt(field).timeout(this.timeout).onErrorResume((failure) -> {
				logger.debug("Could not adopt the kept webhook request " + field, failure);
				return Mono.empty();
			}));
	}

	private Mono<KeptBatch> adopt(String field) {
		String[] parts = field.split(":", 3);
		String adopted = this.node + ":" + parts[1] + ":" + parts[2];
		return this.redis.execute(ADOPT, List.of(this.keys.webhooks()), List.of(field, adopted))
			.next()
			.flatMap((kept) -> Mono.justOrEmpty(batch(parts[1], parts[2], kept)));
	}

	private boolean isAnotherNodes(String field) {
		Long owner = owner(field);
		return owner != null && owner != this.node;
	}

	// the node a field belongs to, or null for a field this journal did not write
	private static @Nullable Long owner(String field) {
		String[] parts = field.split(":", 3);
		if (parts.length != 3 || !parts[0].matches("\\d{1,19}")) {
			return null;
		}
		try {
			return Long.parseLong(parts[0]);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String field(long node, KeptBatch batch) {
		return node + ":" + batch.webhook() + ":" + batch.id();
	}

	private static String value(KeptBatch batch) {
		return batch.createdAt() + "\n" + new String(batch.body(), StandardCharsets.UTF_8);
	}

	// null for a value that is not one this journal wrote
	private static @Nullable KeptBatch batch(String webhook, String id, String value) {
		int newline = value.indexOf('\n');
		if (newline < 1 || !value.substring(0, newline).matches("\\d{1,19}")) {
			return null;
		}
		return new KeptBatch(webhook, id, Long.parseLong(value.substring(0, newline)),
				value.substring(newline + 1).getBytes(StandardCharsets.UTF_8));
	}

}
