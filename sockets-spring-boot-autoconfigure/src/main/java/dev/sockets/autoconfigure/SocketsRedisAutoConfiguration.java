package dev.sockets.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.sockets.broker.Broker;
import dev.sockets.channel.Namespaces;
import dev.sockets.broker.ChannelCache;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.connection.SocketIds;
import dev.sockets.redis.RedisBroker;
import dev.sockets.redis.RedisBrokerSettings;
import dev.sockets.redis.RedisChannelCache;
import dev.sockets.presence.NodeRecovery;
import dev.sockets.presence.PresenceStore;
import dev.sockets.redis.RedisKeys;
import dev.sockets.redis.RedisPresenceStore;
import dev.sockets.redis.RedisWebhookJournal;
import dev.sockets.presence.ChannelMembership;
import dev.sockets.presence.PresenceSweeper;
import io.lettuce.core.resource.Delay;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of the Redis broker ({@code sockets.broker=redis}), on the
 * application's Spring Data Redis connection.
 */
@AutoConfiguration(before = SocketsAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@Conditional(OnSocketsTransportCondition.class)
@ConditionalOnClass({ RedisConnectionFactory.class, JsonMapper.class })
@ConditionalOnBooleanProperty(name = "sockets.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "sockets.broker", havingValue = "redis")
@EnableConfigurationProperties(SocketsProperties.class)
public final class SocketsRedisAutoConfiguration {

	@Bean
	RedisKeys socketsRedisKeys(SocketsProperties properties) {
		return new RedisKeys(properties.getRedis().getPrefix(), properties.getApp().getId());
	}

	@Bean
	@ConditionalOnMissingBean(PresenceStore.class)
	RedisPresenceStore socketsPresenceStore(RedisConnectionFactory connectionFactory, RedisKeys keys,
			SocketIds socketIds, ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<RedisBroker> broker,
			SocketsProperties properties) {
		// presence needs Redis: a node that cannot hear its own canary does not answer
		return new RedisPresenceStore(connectionFactory, keys, socketIds.node(),
				jsonMapper.getIfAvailable(JsonMapper::shared), () -> broker.getObject().status().up(),
				properties.getRedis().getNodeTimeout(), properties.getRedis().getStoreTimeout());
	}

	@Bean
	@ConditionalOnMissingBean(ChannelCache.class)
	RedisChannelCache socketsChannelCache(RedisConnectionFactory connectionFactory, RedisKeys keys,
			ObjectProvider<RedisBroker> broker, SocketsProperties properties, Namespaces namespaces) {
		return new RedisChannelCache(connectionFactory, keys, (channel) -> namespaces.of(channel).cacheTimeToLive(),
				() -> broker.getObject().status().up(), properties.getRedis().getMaxPublishDelay());
	}

	// failed webhook requests outlive their node: another sends them, once the node's
	// heartbeat (the Redis presence store's) has expired
	@Bean
	@Conditional(OnWebhooksCondition.class)
	@ConditionalOnBean(RedisPresenceStore.class)
	RedisWebhookJournal socketsWebhookJournal(RedisConnectionFactory connectionFactory, RedisKeys keys,
			SocketIds socketIds, SocketsProperties properties) {
		return new RedisWebhookJournal(connectionFactory, keys, socketIds.node(),
				properties.getRedis().getStoreTimeout());
	}

	@Bean
	PresenceSweeper socketsPresenceSweeper(NodeRecovery recovery, ChannelMembership membership,
			ConnectionRegistry connections, SocketsProperties properties) {
		return new PresenceSweeper(recovery, membership, connections,
				properties.getRedis().getNodeTimeout().dividedBy(3));
	}

	@Bean
	@ConditionalOnMissingBean(Broker.class)
	RedisBroker socketsBroker(RedisConnectionFactory connectionFactory, RedisKeys keys, SocketIds socketIds,
			SocketsProperties properties) {
		SocketsProperties.Redis redis = properties.getRedis();
		return RedisBroker.create(connectionFactory, keys, socketIds.node(),
				new RedisBrokerSettings(redis.getCanaryInterval(), redis.getMaxPublicationsInFlight(),
						redis.getMaxPublishDelay(), redis.isShardedPubSub()));
	}

	// Lettuce reconnects by itself, re-subscribing too; this only bounds how long it
	// waits
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.lettuce.core.resource.ClientResources",
			"org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer" })
	static final class ReconnectDelayConfiguration {

		@Bean
		ClientResourcesBuilderCustomizer socketsRedisReconnectDelay(SocketsProperties properties) {
			Duration max = properties.getRedis().getMaxReconnectDelay();
			return (builder) -> {
				if (!max.isZero()) {
					builder.reconnectDelay(Delay.equalJitter(Duration.ZERO, max, 1, TimeUnit.MILLISECONDS));
				}
			};
		}

	}

}
