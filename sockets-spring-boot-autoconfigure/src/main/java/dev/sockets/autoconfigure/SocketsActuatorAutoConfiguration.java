package dev.sockets.autoconfigure;

import java.time.Clock;

import dev.sockets.actuator.BrokerMetrics;
import dev.sockets.actuator.ChannelMetrics;
import dev.sockets.actuator.ConnectionMetrics;
import dev.sockets.actuator.DeliveryMetrics;
import dev.sockets.actuator.RecoveryMetrics;
import dev.sockets.broker.Broker;
import dev.sockets.broker.LocalBroker;
import dev.sockets.presence.ChannelRecovery;
import dev.sockets.actuator.SocketsEndpoint;
import dev.sockets.actuator.SocketsHealthIndicator;
import dev.sockets.actuator.WebhookMetrics;
import dev.sockets.webhook.Webhooks;
import dev.sockets.broker.Broker;
import dev.sockets.broker.DefaultBroadcaster;
import dev.sockets.channel.ChannelAuthorization;
import dev.sockets.channel.ChannelSubscriptions;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.connection.SocketIds;
import dev.sockets.handshake.AuthenticationCheck;
import dev.sockets.handshake.HandshakeRateLimit;
import dev.sockets.handshake.OriginCheck;
import dev.sockets.presence.ClusterControl;
import dev.sockets.presence.RoomManager;
import dev.sockets.redis.RedisBroker;
import dev.sockets.server.Liveness;
import dev.sockets.server.LocalDelivery;
import dev.sockets.server.PusherEndpoint;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code sockets} health indicator, metrics and Actuator
 * endpoint, each when its library is on the classpath.
 */
@AutoConfiguration(after = { SocketsAutoConfiguration.class, SocketsRedisAutoConfiguration.class })
@ConditionalOnBean(PusherEndpoint.class)
public final class SocketsActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	static class HealthConfiguration {

		@Bean
		SocketsHealthIndicator socketsHealthIndicator(ConnectionRegistry connections,
				ChannelSubscriptions subscriptions, Broker broker, Liveness liveness,
				ObjectProvider<Webhooks> webhooks) {
			return new SocketsHealthIndicator(connections, subscriptions, broker, liveness, webhooks.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static class MetricsConfiguration {

		// commands another node sent that were malformed or unknown (a node of another
		// version, or a bug), dropped without being carried out
		@Bean
		MeterBinder socketsClusterCommandMetrics(ClusterControl control) {
			return (registry) -> FunctionCounter
				.builder("sockets.cluster.commands.ignored", control, ClusterControl::ignoredCount)
				.description("Cluster commands received malformed or unknown, and dropped")
				.register(registry);
		}

		@Bean
		ConnectionMetrics socketsConnectionMetrics(ConnectionRegistry connections, PusherEndpoint handler,
				OriginCheck origins, AuthenticationCheck authentication, HandshakeRateLimit rateLimit) {
			return new ConnectionMetrics(connections, handler.stats(), origins, authentication, rateLimit);
		}

		@Bean
		DeliveryMetrics socketsDeliveryMetrics() {
			return new DeliveryMetrics();
		}

		@Bean
		ChannelMetrics socketsChannelMetrics(ChannelSubscriptions subscriptions, LocalDelivery delivery,
				ChannelAuthorization authorization, ObjectProvider<DefaultBroadcaster> broadcaster) {
			return new ChannelMetrics(subscriptions, delivery, authorization, broadcaster.getIfAvailable());
		}

		@Bean
		RecoveryMetrics socketsRecoveryMetrics(ChannelRecovery recovery, Broker broker) {
			return new RecoveryMetrics(recovery, (broker instanceof LocalBroker local) ? local : null);
		}

		@Bean
		@ConditionalOnBean(Webhooks.class)
		WebhookMetrics socketsWebhookMetrics(Webhooks webhooks) {
			return new WebhookMetrics(webhooks);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.springframework.data.redis.connection.RedisConnectionFactory")
		@ConditionalOnBean(RedisBroker.class)
		static class RedisMetricsConfiguration {

			@Bean
			BrokerMetrics socketsBrokerMetrics(RedisBroker broker) {
				return new BrokerMetrics(broker);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
	@ConditionalOnAvailableEndpoint(SocketsEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		SocketsEndpoint socketsEndpoint(RoomManager rooms, ConnectionRegistry connections, SocketIds socketIds) {
			return new SocketsEndpoint(rooms, connections, socketIds.node(), Clock.systemUTC());
		}

	}

}
