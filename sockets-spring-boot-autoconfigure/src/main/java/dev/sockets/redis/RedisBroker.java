package dev.sockets.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import dev.sockets.broker.BroadcastRefusedException;
import dev.sockets.broker.Broker;
import dev.sockets.broker.BrokerListener;
import dev.sockets.broker.History;
import dev.sockets.broker.Publication;
import dev.sockets.broker.Retention;
import dev.sockets.connection.ThreadPools;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * Internal: the {@link Broker} of a cluster: publications travel through Redis pub/sub,
 * one Redis channel per channel, and each node listens only to the channels it has local
 * subscribers for.
 * <p>
 * <b>Publishing never waits.</b> A publication is delivered to this node's subscribers at
 * once and sent to Redis asynchronously, many in flight on one connection. The stage
 * {@link #publish} returns completes when Redis acknowledged it, so every node will
 * receive it; beyond {@code maxPublicationsInFlight} a publication is refused before
 * anything is delivered, and one Redis does not acknowledge within
 * {@code maxPublishDelay} fails (and is not sent late). Refusals are counted and make the
 * broker report itself degraded. Only during an outage, while the node does not hear its
 * canary, are publications delivered locally only, at once, and counted as such.
 * <p>
 * <b>Subscriptions heal themselves.</b> The channels with local subscribers are
 * reconciled with the ones Redis confirmed, right after each change and every second:
 * after any Redis error, reconnect or outage, every channel still needed is subscribed
 * again and the others are dropped. Receiving nodes skip their own publications, so
 * nothing is delivered twice.
 * <p>
 * <b>Recorded publications go through Redis first.</b> One script gives a publication the
 * channel's next position, appends it to the channel's history and publishes it, so the
 * order on the Redis channel is the order of the positions, whichever nodes publish.
 * Every node delivers it when Redis sends it back, the publishing node included (it is
 * not delivered at once), so that each node delivers in the order of the positions. A
 * node hears its own recorded publications only through its Redis subscription: one made
 * while the subscription is not confirmed yet, or lost, reaches its subscribers only by
 * recovery. During an outage a recorded publication is delivered to this node's
 * subscribers only, at once, <em>without</em> a position: it is not recorded, and clients
 * that missed it are not told.
 */
public final class RedisBroker implements Broker, DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisBroker.class);

	private static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

	private static final long DEGRADED_FOR_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final PubSub pubSub;

	private final RedisKeys keys;

	private final long node;

	private final RedisBrokerSettings settings;

	private final String canaryChannel;

	private final byte[] canaryBytes;

	private final ScheduledExecutorService scheduler;

	private final RedisSubscriptions subscriptions = new RedisSubscriptions();

	private final AtomicBoolean reconcileRequested = new AtomicBoolean();

	private final AtomicInteger inFlight = new AtomicInteger();

	// in the order they were sent, so the oldest is checked first for the delay limit
	private final Queue<InFlight> awaiting = new ConcurrentLinkedQueue<>();

	private final LongAdder published = new LongAdder();

	private final LongAdder localOnly = new LongAdder();

	private final LongAdder refused = new LongAdder();

	private final LongAdder received = new LongAdder();

	private final LongAdder recorded = new LongAdder();

	private final LongAdder receivedRecorded = new LongAdder();

	private final RedisHistory history;

	private final Outages outages = new Outages();

	private volatile @Nullable BrokerListener listener;

	private volatile long canaryHeardAt;

	private volatile long refusedAt;

	/**
	 * Creates the broker.
	 * @param pubSub the Redis transport
	 * @param keys the app's Redis names
	 * @param node this node's number
	 * @param settings canary, limits and delay
	 */
	RedisBroker(PubSub pubSub, RedisKeys keys, long node, RedisBrokerSettings settings) {
		this.pubSub = pubSub;
		this.keys = keys;
		this.node = node;
		this.canaryChannel = keys.canary(node);
		this.canaryBytes = this.canaryChannel.getBytes(StandardCharsets.UTF_8);
		this.settings = settings;
		this.scheduler = ThreadPools.scheduler("redis");
		this.history = new RedisHistory(pubSub, keys);
	}

	/**
	 * Creates the broker on the Lettuce client behind the application's connection
	 * factory.
	 * @param connectionFactory the application's Redis connections; must be Lettuce's
	 * @param keys the app's Redis names
	 * @param node this node's number
	 * @param settings canary, limits, delay and sharding
	 * @return the broker
	 */
	public static RedisBroker create(org.springframework.data.redis.connection.RedisConnectionFactory connectionFactory,
			RedisKeys keys, long node, RedisBrokerSettings settings) {
		return new RedisBroker(PubSubs.choose(connectionFactory, settings.shardedPubSub()), keys, node, settings);
	}

	@Override
	public void start(BrokerListener listener) {
		this.listener = listener;
		// the first canary as soon as the node listens for it: sent before, it is lost,
		// and the node would stay down (publishing locally only) for a whole interval
		this.subscriptions.want(this.canaryChannel).thenRun(() -> this.scheduler.execute(this::sendCanary));
		long canary = this.settings.canaryInterval().toMillis();
		this.scheduler.execute(this::reconcile);
		this.scheduler.scheduleWithFixedDelay(this::sendCanary, 0, canary, TimeUnit.MILLISECONDS);
		this.scheduler.scheduleWithFixedDelay(this::checkCanary, canary, canary, TimeUnit.MILLISECONDS);
		this.scheduler.scheduleWithFixedDelay(this::reconcileAndProbe, 1, 1, TimeUnit.SECONDS);
		long sweep = Math.max(10, this.settings.maxPublishDelay().toMillis() / 4);
		this.scheduler.scheduleWithFixedDelay(this::expireLatePublications, sweep, sweep, TimeUnit.MILLISECONDS);
	}

	@Override
	public CompletionStage<Void> publish(Publication publication) {
		BrokerListener local = this.listener;
		if (isDown()) {
			// an outage: other nodes cannot be reached, so delivery is local only, as
			// documented, rather than late
			deliver(local, publication);
			this.localOnly.increment();
			return DONE;
		}
		return send(() -> {
			deliver(local, publication);
			byte[] body = new Envelope(this.node, publication.exceptSocketId(), publication.message(),
					publication.headers())
				.encode();
			return this.pubSub.publish(this.keys.channel(publication.channel()), body);
		}, false);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The stage completes once Redis recorded and published it; this node's listener gets
	 * it when Redis sends it back, like every other node's. During an outage it is
	 * delivered to this node's listener only, at once and without a position, since it
	 * cannot be recorded: clients that miss it are not told.
	 * @throws IllegalArgumentException if the message is not a JSON object
	 */
	@Override
	public CompletionStage<Void> publishRecorded(Publication publication, Retention retention) {
		RedisHistory.open(publication.message());
		if (isDown()) {
			deliver(this.listener, publication);
			this.localOnly.increment();
			return DONE;
		}
		Envelope envelope = new Envelope(this.node, publication.exceptSocketId(), publication.message(),
				publication.headers());
		return send(() -> this.history.record(publication, retention, envelope), true);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Fails at once during an outage, and when Redis does not answer within the maximum
	 * publish delay.
	 */
	@Override
	public CompletionStage<History> history(String channel, long after, int limit, Retention retention) {
		if (isDown() || !this.pubSub.canPublish()) {
			return CompletableFuture.failedStage(
					new IllegalStateException("Redis is unreachable: the history of " + channel + " cannot be read"));
		}
		CompletableFuture<History> read;
		try {
			read = this.history.read(channel, after, limit, retention);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedStage(ex);
		}
		return read.orTimeout(this.settings.maxPublishDelay().toMillis(), TimeUnit.MILLISECONDS);
	}

	private boolean isDown() {
		return this.outages.isDown() || !this.pubSub.isConnected();
	}

	// Sends one publication within the limits: refused before anything is delivered when
	// Redis is unreachable or too many wait for it, so the caller may simply retry.
	private CompletionStage<Void> send(Supplier<CompletionStage<?>> sending, boolean recording) {
		if (!this.pubSub.canPublish()) {
			return refuse(new BroadcastRefusedException("Redis is unreachable; try again"));
		}
		if (this.inFlight.incrementAndGet() > this.settings.maxPublicationsInFlight()) {
			this.inFlight.decrementAndGet();
			return refuse(new BroadcastRefusedException("Redis is not keeping up: "
					+ this.settings.maxPublicationsInFlight() + " publications are waiting for it; try again"));
		}
		CompletableFuture<Void> acknowledged = new CompletableFuture<>();
		CompletionStage<?> sent;
		try {
			sent = sending.get();
		}
		catch (RuntimeException ex) {
			this.inFlight.decrementAndGet();
			return refuse(new BroadcastRefusedException("Redis did not take the publication: " + ex.getMessage(), ex));
		}
		this.awaiting.add(new InFlight(sent, System.nanoTime()));
		sent.whenComplete((answer, failure) -> {
			this.inFlight.decrementAndGet();
			if (failure == null) {
				this.published.increment();
				if (recording) {
					this.recorded.increment();
				}
				acknowledged.complete(null);
			}
			else {
				this.refused.increment();
				this.refusedAt = System.nanoTime();
				acknowledged.completeExceptionally(new BroadcastRefusedException(
						"Redis did not acknowledge the publication (" + failure.getClass().getSimpleName()
								+ "); other nodes may or may not receive it",
						failure));
			}
		});
		return acknowledged;
	}

	private static void deliver(@Nullable BrokerListener local, Publication publication) {
		if (local != null) {
			local.onPublication(publication);
		}
	}

	private CompletionStage<Void> refuse(BroadcastRefusedException refusal) {
		this.refused.increment();
		this.refusedAt = System.nanoTime();
		return CompletableFuture.failedStage(refusal);
	}

	// Cancelling keeps a publication still buffered while Redis is unreachable from going
	// out long after its caller was told it failed.
	private void expireLatePublications() {
		long limit = this.settings.maxPublishDelay().toNanos();
		long now = System.nanoTime();
		InFlight oldest;
		while ((oldest = this.awaiting.peek()) != null) {
			CompletableFuture<?> sent = oldest.sent().toCompletableFuture();
			if (!sent.isDone() && now - oldest.sentAt() <= limit) {
				return;
			}
			this.awaiting.poll();
			if (!sent.isDone()) {
				// not on the broker's thread: the caller's actions run where the future
				// fails, and may wait on another publication this thread would time out
				ForkJoinPool.commonPool().execute(() -> sent.cancel(false));
			}
		}
	}

	@Override
	public void subscribe(String channel) {
		this.subscriptions.want(this.keys.channel(channel));
		requestReconcile();
	}

	@Override
	public void unsubscribe(String channel) {
		this.subscriptions.drop(this.keys.channel(channel));
		requestReconcile();
	}

	// While Redis is down nothing is waited for: delivery is local-only anyway. A slow
	// Redis is waited for at most as long as a publication may wait for it.
	@Override
	public CompletionStage<Void> whenListening(String channel) {
		CompletableFuture<Void> pending = this.subscriptions.listening(this.keys.channel(channel));
		if (pending == null || pending.isDone() || this.outages.isDown()) {
			return DONE;
		}
		return pending.copy()
			.completeOnTimeout(null, this.settings.maxPublishDelay().toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Whether Redis has confirmed this node's subscription to a channel.
	 * @param channel the channel
	 * @return {@code true} when the node hears the channel through Redis
	 */
	public boolean isListening(String channel) {
		return this.subscriptions.isConfirmed(this.keys.channel(channel));
	}

	/**
	 * The broker's health and counters.
	 * @return a snapshot
	 */
	public RedisBrokerStatus status() {
		long refusedAt = this.refusedAt;
		boolean degraded = refusedAt != 0 && System.nanoTime() - refusedAt < DEGRADED_FOR_NANOS;
		return new RedisBrokerStatus(!this.outages.isDown(), degraded, this.pubSub.sharded(), this.published.sum(),
				this.localOnly.sum(), this.refused.sum(), this.inFlight.get(), this.received.sum(),
				this.outages.count(), this.outages.totalMillis(), this.recorded.sum(), this.receivedRecorded.sum());
	}

	private void requestReconcile() {
		if (this.reconcileRequested.compareAndSet(false, true)) {
			try {
				this.scheduler.execute(this::reconcile);
			}
			catch (RejectedExecutionException ex) {
				// shutting down
			}
		}
	}

	// On the broker's thread: connects while Redis was never reached, then sends what
	// differs between the channels wanted and the ones confirmed.
	private void reconcile() {
		this.reconcileRequested.set(false);
		if (!this.pubSub.isConnected()) {
			try {
				this.pubSub.connect(new Listener());
			}
			catch (RuntimeException ex) {
				logger.debug("Redis is not reachable yet; connecting again in a second", ex);
				return;
			}
		}
		for (List<String> batch : this.subscriptions.toSubscribe()) {
			this.pubSub.subscribe(batch).whenComplete((answer, failure) -> {
				this.subscriptions.subscribeAnswered(batch);
				if (failure != null) {
					logger.debug("Could not subscribe to " + batch.size() + " Redis channels yet", failure);
				}
			});
		}
		for (List<String> batch : this.subscriptions.toUnsubscribe()) {
			this.pubSub.unsubscribe(batch).whenComplete((answer, failure) -> {
				this.subscriptions.unsubscribeAnswered(batch);
				if (failure != null) {
					logger.debug("Could not unsubscribe from " + batch.size() + " Redis channels yet", failure);
				}
			});
		}
	}

	// every second: subscriptions healed, and while down a canary more, so the node is
	// back up within a second of Redis rather than within a canary interval
	private void reconcileAndProbe() {
		reconcile();
		if (this.outages.isDown()) {
			sendCanary();
		}
	}

	private void sendCanary() {
		if (this.pubSub.isConnected()) {
			byte[] body = Long.toString(System.nanoTime()).getBytes(StandardCharsets.UTF_8);
			this.pubSub.publish(this.canaryChannel, body);
		}
	}

	private void checkCanary() {
		long silentFor = System.nanoTime() - this.canaryHeardAt;
		if (silentFor > 3 * this.settings.canaryInterval().toNanos()) {
			if (this.outages.down()) {
				logger.warn("Redis broker is down: node " + this.node + " has not heard its canary for "
						+ TimeUnit.NANOSECONDS.toMillis(silentFor) + " ms; serving local subscribers only");
			}
			// whatever Redis had confirmed may be gone: subscribe everything again
			this.subscriptions.lost();
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.scheduler.shutdownNow();
		// a connect in progress finishes before the connections are closed
		this.scheduler.awaitTermination(5, TimeUnit.SECONDS);
		this.pubSub.destroy();
	}

	private record InFlight(CompletionStage<?> sent, long sentAt) {

	}

	// Called on a Redis client thread: only hands frames to connections' queues.
	private final class Listener implements PubSub.Listener {

		@Override
		public void message(byte[] redisChannel, byte[] body) {
			if (Arrays.equals(redisChannel, RedisBroker.this.canaryBytes)) {
				RedisBroker.this.canaryHeardAt = System.nanoTime();
				if (RedisBroker.this.outages.isDown()) {
					// before any publication of the coming up: Redis may have restarted
					// without the scripts, and falling back to a script's text could
					// reorder a thread's publications
					RedisBroker.this.pubSub.load(RedisHistory.scripts());
				}
				if (RedisBroker.this.outages.up()) {
					// what was refused as Redis went away was the outage's, not a sign of
					// overload
					RedisBroker.this.refusedAt = 0;
					logger.info("Redis broker is up: node " + RedisBroker.this.node + " hears its canary");
				}
				return;
			}
			String channel = RedisBroker.this.keys.channelOf(redisChannel);
			Envelope envelope = Envelope.decode(body);
			BrokerListener local = RedisBroker.this.listener;
			if (channel == null || envelope == null || local == null) {
				return;
			}
			boolean own = envelope.node() == RedisBroker.this.node;
			if (own && envelope.position() == null) {
				// our own plain publication was delivered here when it was published
				return;
			}
			if (envelope.position() != null) {
				// recorded: every node delivers it from here, ours too, so all in the
				// order of the positions
				RedisBroker.this.receivedRecorded.increment();
			}
			if (!own) {
				RedisBroker.this.received.increment();
			}
			local.onPublication(new Publication(channel, envelope.message(), envelope.except(), envelope.headers(),
					envelope.position()));
		}

		@Override
		public void subscribed(String channel) {
			RedisBroker.this.subscriptions.confirmed(channel);
		}

		@Override
		public void unsubscribed(String channel) {
			RedisBroker.this.subscriptions.unconfirmed(channel);
			requestReconcile();
		}

		@Override
		public void disconnected() {
			RedisBroker.this.subscriptions.lost();
		}

	}

}
