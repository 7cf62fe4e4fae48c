package dev.sockets.redis;

import java.nio.charset.StandardCharsets;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Classic pub/sub through Spring Data Redis, for standalone, Sentinel and Cluster (where
 * Redis propagates every message to every shard). Subscriptions are kept by a listener
 * container of the broker's own, not the application's, which reconnects with a back-off
 * and subscribes again to every channel still needed.
 */
final class ClassicPubSub implements PubSub {

	private static final Log logger = LogFactory.getLog(ClassicPubSub.class);

	private final RedisConnectionFactory connectionFactory;

	private final RedisMessageListenerContainer container;

	private final ChannelTopic anchor;

	private @Nullable MessageListener listener;

	/**
	 * Creates the transport.
	 * @param connectionFactory the application's Redis connections
	 * @param anchor a channel always subscribed (the canary), whose subscription starts
	 * the container's listening
	 */
	ClassicPubSub(RedisConnectionFactory connectionFactory, String anchor) {
		this.connectionFactory = connectionFactory;
		this.anchor = new ChannelTopic(anchor);
		this.container = new RedisMessageListenerContainer();
		this.container.setConnectionFactory(connectionFactory);
		// listeners only queue frames to connections, so they run on the Redis client's
		// thread, in the order messages arrive
		this.container.setTaskExecutor(Runnable::run);
		ExponentialBackOff backOff = new ExponentialBackOff(250, 2);
		backOff.setMaxInterval(5_000);
		this.container.setRecoveryBackoff(backOff);
		this.container.setBeanName("sockets-redis-listener");
		this.container.afterPropertiesSet();
	}

	@Override
	public void start(MessageHandler handler) {
		this.listener = (Message message, byte @Nullable [] pattern) -> handler.onMessage(message.getChannel(),
				message.getBody());
		this.container.start();
		recover();
	}

	@Override
	public void subscribe(String channel) {
		this.container.addMessageListener(requireListener(), new ChannelTopic(channel));
	}

	@Override
	public void unsubscribe(String channel) {
		this.container.removeMessageListener(requireListener(), new ChannelTopic(channel));
	}

	@Override
	public void publish(String channel, byte[] body) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.publish(channel.getBytes(StandardCharsets.UTF_8), body);
		}
	}

	// the container recovers lost subscriptions by itself, but not a first subscription
	// that failed because Redis was down when the node started: adding the anchor again
	// subscribes every channel still needed
	@Override
	public void recover() {
		if (this.container.isListening()) {
			return;
		}
		try {
			this.container.addMessageListener(requireListener(), this.anchor);
		}
		catch (RuntimeException ex) {
			logger.debug("Redis is not reachable yet; subscribing again later", ex);
		}
	}

	@Override
	public boolean sharded() {
		return false;
	}

	private MessageListener requireListener() {
		MessageListener listener = this.listener;
		if (listener == null) {
			throw new IllegalStateException("Not started");
		}
		return listener;
	}

	@Override
	public void destroy() throws Exception {
		this.container.destroy();
	}

}
