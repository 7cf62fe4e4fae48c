package dev.sockets.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.sockets.broker.Broker;
import dev.sockets.broker.BrokerListener;
import dev.sockets.broker.Publication;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The {@link Broker} of a cluster: publications travel through Redis pub/sub, one Redis
 * channel per channel, and each node listens only to the channels it has local
 * subscribers for.
 * <p>
 * A publication is delivered to this node's subscribers at once, then queued for Redis; a
 * single publisher thread sends the queue in order, and other nodes receive it. Receiving
 * nodes skip their own publications, so nothing is delivered twice. When Redis is
 * unreachable the node keeps serving its own subscribers: publications it cannot send
 * within the configured delay, or that find the queue full, reach local subscribers only
 * and are counted (at-most-once delivery). Subscriptions are kept by Spring Data Redis's
 * listener container, which reconnects with a back-off and subscribes again to every
 * channel still needed. The node publishes a canary to itself; while it does not come
 * back the broker reports itself down.
 */
public final class RedisBroker implements Broker, DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisBroker.class);

	private final PubSub pubSub;

	private final RedisKeys keys;

	private final long node;

	private final RedisBrokerSettings settings;

	private final String canaryChannel;

	private final byte[] canaryBytes;

	private final BlockingQueue<Outgoing> outgoing;

	private final ScheduledExecutorService scheduler;

	private final Thread publisher;

	private final AtomicLong published = new AtomicLong();

	private final AtomicLong localOnly = new AtomicLong();

	private final AtomicLong received = new AtomicLong();

	private final Outages outages = new Outages();

	// Redis channels whose SUBSCRIBE has not been confirmed yet
	private final Map<String, CompletableFuture<Void>> pendingSubscriptions = new ConcurrentHashMap<>();

	private volatile @Nullable BrokerListener listener;

	private volatile long canaryHeardAt;

	private volatile boolean running = true;

	/**
	 * Creates the broker.
	 * @param connectionFactory the application's Redis connections
	 * @param keys the app's Redis names
	 * @param node this node's number
	 * @param settings canary, queue, delay and sharding
	 */
	public RedisBroker(RedisConnectionFactory connectionFactory, RedisKeys keys, long node,
			RedisBrokerSettings settings) {
		this.keys = keys;
		this.node = node;
		this.canaryChannel = keys.canary(node);
		this.canaryBytes = this.canaryChannel.getBytes(StandardCharsets.UTF_8);
		this.pubSub = PubSubs.choose(connectionFactory, this.canaryChannel, settings.shardedPubSub());
		this.settings = settings;
		this.outgoing = new ArrayBlockingQueue<>(settings.publishQueueCapacity());
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> daemon(task, "sockets-redis"));
		this.publisher = daemon(this::publishLoop, "sockets-redis-publisher");
	}

	@Override
	public void start(BrokerListener listener) {
		this.listener = listener;
		this.publisher.start();
		// subscribing waits for Redis, so it never runs on the caller's thread
		this.scheduler.execute(() -> {
			this.pubSub.start(this::receive);
			subscribeQuietly(this.canaryChannel);
		});
		long interval = this.settings.canaryInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::sendCanary, 0, interval, TimeUnit.MILLISECONDS);
		this.scheduler.scheduleWithFixedDelay(this::checkCanary, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public void publish(Publication publication) {
		BrokerListener local = this.listener;
		if (local != null) {
			local.onPublication(publication);
		}
		byte[] body = new Envelope(this.node, publication.exceptSocketId(), publication.frame().text()).encode();
		if (!this.outgoing.offer(new Outgoing(this.keys.channel(publication.channel()), body, System.nanoTime()))) {
			this.localOnly.incrementAndGet();
		}
	}

	@Override
	public void subscribe(String channel) {
		String redisChannel = this.keys.channel(channel);
		CompletableFuture<Void> confirmed = new CompletableFuture<>();
		this.pendingSubscriptions.put(redisChannel, confirmed);
		try {
			this.scheduler.execute(() -> {
				// returns once Redis has confirmed the subscription, or failed
				subscribeQuietly(redisChannel);
				confirm(redisChannel, confirmed);
			});
		}
		catch (RejectedExecutionException ex) {
			confirm(redisChannel, confirmed);
		}
	}

	private void confirm(String redisChannel, CompletableFuture<Void> confirmed) {
		this.pendingSubscriptions.remove(redisChannel, confirmed);
		confirmed.complete(null);
	}

	// While Redis is down nothing is waited for: delivery is local-only anyway. A slow
	// Redis is waited for at most as long as a publication may wait for it.
	@Override
	public CompletionStage<Void> whenListening(String channel) {
		CompletableFuture<Void> pending = this.pendingSubscriptions.get(this.keys.channel(channel));
		if (pending == null || this.outages.isDown()) {
			return CompletableFuture.completedFuture(null);
		}
		return pending.copy()
			.completeOnTimeout(null, this.settings.maxPublishDelay().toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void unsubscribe(String channel) {
		String redisChannel = this.keys.channel(channel);
		this.scheduler.execute(() -> {
			try {
				this.pubSub.unsubscribe(redisChannel);
			}
			catch (RuntimeException ex) {
				logger.debug("Could not unsubscribe from " + redisChannel, ex);
			}
		});
	}

	// a subscription that fails while Redis is down is remembered and made on recovery
	private void subscribeQuietly(String redisChannel) {
		try {
			this.pubSub.subscribe(redisChannel);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not subscribe to " + redisChannel + " yet", ex);
		}
	}

	/**
	 * The broker's health and counters.
	 * @return a snapshot
	 */
	public RedisBrokerStatus status() {
		return new RedisBrokerStatus(!this.outages.isDown(), this.pubSub.sharded(), this.published.get(),
				this.localOnly.get(), this.received.get(), this.outages.count(), this.outages.totalMillis());
	}

	private void receive(byte[] redisChannel, byte[] body) {
		if (Arrays.equals(redisChannel, this.canaryBytes)) {
			canaryReceived();
			return;
		}
		String channel = this.keys.channelOf(redisChannel);
		Envelope envelope = Envelope.decode(body);
		BrokerListener local = this.listener;
		if (channel == null || envelope == null || local == null || envelope.node() == this.node) {
			// our own publication was delivered here when it was published
			return;
		}
		this.received.incrementAndGet();
		local.onPublication(new Publication(channel, envelope.toFrame(), envelope.except()));
	}

	private void sendCanary() {
		byte[] body = Long.toString(System.nanoTime()).getBytes(StandardCharsets.UTF_8);
		this.outgoing.offer(new Outgoing(this.canaryChannel, body, System.nanoTime()));
	}

	private void canaryReceived() {
		this.canaryHeardAt = System.nanoTime();
		if (this.outages.up()) {
			logger.info("Redis broker is up: node " + this.node + " hears its canary");
		}
	}

	private void checkCanary() {
		long silentFor = System.nanoTime() - this.canaryHeardAt;
		if (silentFor > 3 * this.settings.canaryInterval().toNanos()) {
			if (this.outages.down()) {
				logger.warn("Redis broker is down: node " + this.node + " has not heard its canary for "
						+ TimeUnit.NANOSECONDS.toMillis(silentFor) + " ms; serving local subscribers only");
			}
			this.pubSub.recover();
		}
	}

	private void publishLoop() {
		long maxDelay = this.settings.maxPublishDelay().toNanos();
		while (this.running) {
			Outgoing next;
			try {
				next = this.outgoing.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			if (System.nanoTime() - next.queuedAt() > maxDelay) {
				countLocalOnly(next);
				continue;
			}
			try {
				this.pubSub.publish(next.redisChannel(), next.body());
				if (!isCanary(next)) {
					this.published.incrementAndGet();
				}
			}
			catch (RuntimeException ex) {
				countLocalOnly(next);
				logger.debug("Could not publish to Redis", ex);
			}
		}
	}

	private void countLocalOnly(Outgoing outgoing) {
		if (!isCanary(outgoing)) {
			this.localOnly.incrementAndGet();
		}
	}

	private boolean isCanary(Outgoing outgoing) {
		return outgoing.redisChannel().equals(this.canaryChannel);
	}

	@Override
	public void destroy() throws Exception {
		this.running = false;
		this.publisher.interrupt();
		this.scheduler.shutdownNow();
		this.pubSub.destroy();
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	private record Outgoing(String redisChannel, byte[] body, long queuedAt) {

	}

}
