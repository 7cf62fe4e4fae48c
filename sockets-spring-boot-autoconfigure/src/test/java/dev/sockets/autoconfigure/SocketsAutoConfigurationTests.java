package dev.sockets.autoconfigure;

import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import dev.sockets.actuator.SocketsHealthIndicator;
import dev.sockets.actuator.ChannelMetrics;
import dev.sockets.actuator.ConnectionMetrics;
import dev.sockets.actuator.SocketsEndpoint;
import dev.sockets.broker.Broadcast;
import dev.sockets.broker.ChannelCache;
import dev.sockets.broker.LocalChannelCache;
import dev.sockets.broker.Broadcaster;
import dev.sockets.broker.Broker;
import dev.sockets.broker.LocalBroker;
import dev.sockets.channel.AuthorizerDiscovery;
import dev.sockets.channel.ChannelAuthorization;
import dev.sockets.handshake.Principals;
import dev.sockets.handshake.ClientRequest;
import dev.sockets.handshake.ServerHttpClientRequest;
import dev.sockets.handshake.SocketAuthenticator;
import dev.sockets.handshake.SocketHandshakeInterceptor;
import dev.sockets.http.ChannelAuthEndpoint;
import dev.sockets.transport.reactive.ReactiveAuthRoutes;
import dev.sockets.http.HttpApi;
import dev.sockets.transport.netty.NettyServer;
import dev.sockets.transport.servlet.ServletWebSocketHandler;
import dev.sockets.presence.LocalPresenceStore;
import dev.sockets.presence.PresenceStore;
import dev.sockets.presence.RoomManager;
import dev.sockets.redis.RedisBroker;
import dev.sockets.redis.RedisChannelCache;
import dev.sockets.server.Liveness;
import org.jspecify.annotations.Nullable;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

class SocketsAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketsAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withPropertyValues("sockets.app.id=1", "sockets.app.key=key", "sockets.app.secret=secret");

	@Test
	void configuresTheEndpointBroadcasterAndApiByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ServletWebSocketHandler.class);
			assertThat(context).getBean(Broker.class).isInstanceOf(LocalBroker.class);
			assertThat(context).getBean(ChannelCache.class).isInstanceOf(LocalChannelCache.class);
			assertThat(context).hasSingleBean(Broadcaster.class);
			assertThat(context).hasSingleBean(HttpApi.class);
			assertThat(context).hasBean("webSocketHandlerMapping");
			assertThat(context.getBean(SocketsProperties.class).endpointPath()).isEqualTo("/app/*");
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("sockets.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ServletWebSocketHandler.class);
			assertThat(context).doesNotHaveBean(Broadcaster.class);
			assertThat(context).doesNotHaveBean("webSocketHandlerMapping");
		});
	}

	@Test
	void servesNoHttpApiWhenItIsDisabled() {
		this.runner.withPropertyValues("sockets.api.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(ServletWebSocketHandler.class);
			assertThat(context).doesNotHaveBean(HttpApi.class);
		});
	}

	@Test
	void backsOffForAUserBroker() {
		LocalBroker mine = new LocalBroker();
		this.runner.withBean(Broker.class, () -> mine)
			.run((context) -> assertThat(context).getBean(Broker.class).isSameAs(mine));
	}

	@Test
	void backsOffForAUserBroadcaster() {
		Broadcaster mine = new Broadcaster() {
			@Override
			public Broadcast to(String... channels) {
				throw new UnsupportedOperationException();
			}

			@Override
			public Broadcast to(java.util.Collection<String> channels) {
				throw new UnsupportedOperationException();
			}
		};
		this.runner.withBean(Broadcaster.class, () -> mine)
			.run((context) -> assertThat(context).getBean(Broadcaster.class).isSameAs(mine));
	}

	@Test
	void serializesPayloadsWithTheApplicationsJsonMapper() {
		java.util.List<dev.sockets.broker.Publication> published = new java.util.concurrent.CopyOnWriteArrayList<>();
		Broker recording = new Broker() {
			@Override
			public void start(dev.sockets.broker.BrokerListener listener) {
			}

			@Override
			public java.util.concurrent.CompletionStage<Void> publish(dev.sockets.broker.Publication publication) {
				published.add(publication);
				return java.util.concurrent.CompletableFuture.completedStage(null);
			}

			@Override
			public void subscribe(String channel) {
			}

			@Override
			public void unsubscribe(String channel) {
			}
		};
		this.runner.withBean(Broker.class, () -> recording)
			.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE")
			.run((context) -> {
				context.getBean(Broadcaster.class).to("c").emit("e", new Order(42, "shipped"));
				assertThat(published).singleElement()
					.satisfies((p) -> assertThat(p.message()).contains("order_id\\\":42"));
			});
	}

	record Order(int orderId, String state) {
	}

	@Test
	void backsOffForUserSocketIds() {
		dev.sockets.connection.SocketIds mine = new dev.sockets.connection.SocketIds();
		this.runner.withBean(dev.sockets.connection.SocketIds.class, () -> mine)
			.run((context) -> assertThat(context).getBean(dev.sockets.connection.SocketIds.class).isSameAs(mine));
	}

	@Test
	void leavesContainerBuffersAloneWhenAsked() {
		this.runner.run((context) -> assertThat(context)
			.hasSingleBean(dev.sockets.transport.servlet.ContainerBufferDefaults.class));
		this.runner.withPropertyValues("sockets.connection.small-container-buffers=false")
			.run((context) -> assertThat(context)
				.doesNotHaveBean(dev.sockets.transport.servlet.ContainerBufferDefaults.class));
	}

	@Test
	void needsSpringWebSocketJacksonAndAServletWebApplication() {
		this.runner.withClassLoader(new FilteredClassLoader(WebSocketConfigurer.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(Broadcaster.class));
		this.runner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(Broadcaster.class));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketsAutoConfiguration.class))
			.withPropertyValues("sockets.app.id=1", "sockets.app.key=key", "sockets.app.secret=secret")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(Broadcaster.class));
	}

	@Test
	void servesNoHttpRoutesWithoutFunctionalEndpoints() {
		this.runner.withClassLoader(new FilteredClassLoader(RouterFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean("socketsHttpApiRoutes")
				.doesNotHaveBean("socketsChannelAuthRoutes")
				.hasSingleBean(ChannelAuthorization.class));
	}

	@Test
	void runsTheNettyServerInsteadOfTheServletEndpointWhenAsked() {
		this.runner.withPropertyValues("sockets.transport=netty", "sockets.netty.port=0")
			.run((context) -> assertThat(context).hasSingleBean(NettyServer.class)
				.doesNotHaveBean(ServletWebSocketHandler.class)
				.doesNotHaveBean("socketsHttpApiRoutes")
				.hasSingleBean(HttpApi.class)
				.hasSingleBean(ChannelAuthEndpoint.class));
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(NettyServer.class)
			.hasSingleBean(ServletWebSocketHandler.class));
	}

	@Test
	void runsTheNettyTransportInAnApplicationWithoutAWebServer() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketsAutoConfiguration.class))
			.withPropertyValues("sockets.app.id=1", "sockets.app.key=key", "sockets.app.secret=secret",
					"sockets.transport=netty", "sockets.netty.port=0")
			.run((context) -> assertThat(context).hasSingleBean(NettyServer.class)
				.hasSingleBean(Broadcaster.class)
				.doesNotHaveBean(ChannelAuthEndpoint.class));
	}

	@Test
	void servesTheAuthorizationEndpointsOnAReactiveServerAndTheSocketsOnNetty() {
		// as a WebFlux application has it: no servlet API, Spring MVC or spring-websocket
		new ReactiveWebApplicationContextRunner()
			.withClassLoader(new FilteredClassLoader("jakarta.servlet", "org.springframework.web.servlet",
					"org.springframework.web.socket", "org.apache.catalina", "org.apache.tomcat"))
			.withConfiguration(AutoConfigurations.of(SocketsAutoConfiguration.class))
			.withPropertyValues("sockets.app.id=1", "sockets.app.key=key", "sockets.app.secret=secret",
					"sockets.transport=netty", "sockets.netty.port=0")
			.run((context) -> assertThat(context).hasSingleBean(NettyServer.class)
				.hasSingleBean(ReactiveAuthRoutes.class)
				.doesNotHaveBean("socketsChannelAuthRoutes")
				.doesNotHaveBean(ServletWebSocketHandler.class));
	}

	@Test
	void refusesTheServletTransportInAReactiveApplicationNamingTheProperty() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SocketsAutoConfiguration.class))
			.withPropertyValues("sockets.app.id=1", "sockets.app.key=key", "sockets.app.secret=secret")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("sockets.transport")
				.hasStackTraceContaining("set sockets.transport=netty"));
	}

	@Test
	void refusesABadNamespaceNamingTheProperty() {
		this.runner
			.withPropertyValues("sockets.namespaces[0].pattern=presence-*", "sockets.namespaces[1].pattern=game-{")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("sockets.namespaces[1].pattern")
				.hasStackTraceContaining("game-{"));
		this.runner.withPropertyValues("sockets.namespaces[0].max-members=5")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("sockets.namespaces[0].pattern"));
		this.runner
			.withPropertyValues("sockets.namespaces[0].pattern=private-*",
					"sockets.namespaces[0].client-events.rate-limit=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("sockets.namespaces[0].client-events.rate-limit"));
	}

	@Test
	void refusesANettyPortOutOfRangeNamingTheProperty() {
		this.runner.withPropertyValues("sockets.transport=netty", "sockets.netty.port=70000")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("sockets.netty.port"));
	}

	@Test
	void servesTheAuthorizationEndpointAndHandshakeChecksByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ChannelAuthEndpoint.class);
			assertThat(context).hasSingleBean(ChannelAuthorization.class);
			assertThat(context).hasSingleBean(AuthorizerDiscovery.class);
			assertThat(context.getBeansOfType(SocketHandshakeInterceptor.class)).hasSize(3);
		});
	}

	@Test
	void keepsPresenceInMemoryUnlessTheApplicationProvidesAStore() {
		this.runner.run((context) -> {
			assertThat(context).getBean(PresenceStore.class).isInstanceOf(LocalPresenceStore.class);
			assertThat(context).hasSingleBean(RoomManager.class);
			assertThat(context).hasSingleBean(HttpApi.class);
		});
		LocalPresenceStore mine = new LocalPresenceStore();
		this.runner.withBean(LocalPresenceStore.class, () -> mine)
			.run((context) -> assertThat(context).getBean(PresenceStore.class).isSameAs(mine));
	}

	@Test
	void usesTheRedisBrokerWhenConfigured() {
		this.runner.withConfiguration(AutoConfigurations.of(SocketsRedisAutoConfiguration.class))
			.withBean(RedisConnectionFactory.class, () -> new LettuceConnectionFactory("127.0.0.1", 1))
			.withPropertyValues("sockets.broker=redis", "sockets.redis.prefix=chat:")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).getBean(Broker.class).isInstanceOf(RedisBroker.class);
				assertThat(context).doesNotHaveBean(LocalBroker.class);
				assertThat(context).getBean(ChannelCache.class).isInstanceOf(RedisChannelCache.class);
			});
	}

	@Test
	void boundsLettucesReconnectDelayInTheClientBootCreates() {
		WebApplicationContextRunner redis = this.runner
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, SocketsRedisAutoConfiguration.class))
			.withPropertyValues("sockets.broker=redis", "spring.data.redis.port=1");
		redis.run((context) -> assertThat(longestReconnectDelay(context)).isLessThanOrEqualTo(Duration.ofSeconds(5)));
		redis.withPropertyValues("sockets.redis.max-reconnect-delay=800ms")
			.run((context) -> assertThat(longestReconnectDelay(context)).isLessThanOrEqualTo(Duration.ofMillis(800)));
		// zero leaves Lettuce's own default, which grows to 30 s
		redis.withPropertyValues("sockets.redis.max-reconnect-delay=0")
			.run((context) -> assertThat(longestReconnectDelay(context)).isGreaterThan(Duration.ofSeconds(5)));
	}

	private static Duration longestReconnectDelay(AssertableWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		Delay delay = context.getBean(ClientResources.class).reconnectDelay();
		Duration longest = Duration.ZERO;
		for (int attempt = 1; attempt <= 64; attempt++) {
			Duration next = delay.createDelay(attempt);
			longest = next.compareTo(longest) > 0 ? next : longest;
		}
		return longest;
	}

	@Test
	void failsStartupNamingTheBrokerWhenSpringDataRedisIsMissing() {
		this.runner.withConfiguration(AutoConfigurations.of(SocketsRedisAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
			.withPropertyValues("sockets.broker=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("sockets.broker")
				.hasStackTraceContaining("add spring-boot-starter-data-redis"));
	}

	@Test
	void contributesHealthAndMetricsOnlyWithActuatorAndMicrometer() {
		WebApplicationContextRunner actuator = this.runner
			.withConfiguration(AutoConfigurations.of(SocketsActuatorAutoConfiguration.class));
		actuator.run((context) -> {
			assertThat(context).hasSingleBean(SocketsHealthIndicator.class)
				.hasSingleBean(ConnectionMetrics.class)
				.hasSingleBean(ChannelMetrics.class);
			// the endpoint exists only when exposed
			assertThat(context).doesNotHaveBean(SocketsEndpoint.class);
			SocketsHealthIndicator health = context.getBean(SocketsHealthIndicator.class);
			assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
			// draining for shutdown takes the node out of service
			context.getBean(Liveness.class).stop();
			assertThat(health.health().getStatus().getCode()).isEqualTo("OUT_OF_SERVICE");
		});
		actuator.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SocketsHealthIndicator.class)
				.hasSingleBean(ConnectionMetrics.class)
				.hasSingleBean(Broadcaster.class));
		actuator.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConnectionMetrics.class)
				.doesNotHaveBean(ChannelMetrics.class)
				.hasSingleBean(SocketsHealthIndicator.class));
		actuator.withPropertyValues("management.endpoints.web.exposure.include=sockets")
			.run((context) -> assertThat(context).hasSingleBean(SocketsEndpoint.class));
		actuator.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint"))
			.withPropertyValues("management.endpoints.web.exposure.include=sockets")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketsEndpoint.class)
				.hasSingleBean(Broadcaster.class));
		actuator.withPropertyValues("sockets.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketsHealthIndicator.class)
				.doesNotHaveBean(ConnectionMetrics.class));
	}

	@Test
	void backsOffForAUserRoomManager() {
		RoomManager mine = org.mockito.Mockito.mock(RoomManager.class);
		this.runner.withBean(RoomManager.class, () -> mine)
			.run((context) -> assertThat(context).getBean(RoomManager.class).isSameAs(mine));
	}

	@Test
	void servesNoAuthorizationEndpointWhenItIsDisabled() {
		this.runner.withPropertyValues("sockets.authorization.endpoint-enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChannelAuthEndpoint.class)
				.hasSingleBean(ChannelAuthorization.class));
	}

	@Test
	void consultsTheApplicationsAuthenticatorsInOrder() {
		List<String> calls = new ArrayList<>();
		this.runner.withBean("second", SocketAuthenticator.class, () -> new Recording(calls, "second", 2))
			.withBean("first", SocketAuthenticator.class, () -> new Recording(calls, "first", 1))
			.run((context) -> {
				MockHttpServletRequest request = new MockHttpServletRequest("GET", "/app/key");
				assertThat(context.getBean(Principals.class)
					.of(new ServerHttpClientRequest(new ServletServerHttpRequest(request), new HashMap<>()))).isNull();
				assertThat(calls).containsExactly("first", "second");
			});
	}

	@Test
	void bindsAuthorizationAndHandshakeProperties() {
		this.runner
			.withPropertyValues("sockets.authorization.endpoint-path=/broadcasting/auth",
					"sockets.authorization.inline=false", "sockets.authorization.timeout=2s",
					"sockets.authorization.threads=4", "sockets.authorization.queue-capacity=50",
					"sockets.authorization.cache-time-to-live=30s", "sockets.handshake.allow-anonymous=false",
					"sockets.handshake.allow-missing-origin=false")
			.run((context) -> {
				SocketsProperties properties = context.getBean(SocketsProperties.class);
				SocketsProperties.Authorization authorization = properties.getAuthorization();
				assertThat(authorization.getEndpointPath()).isEqualTo("/broadcasting/auth");
				assertThat(authorization.isInline()).isFalse();
				assertThat(authorization.getTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(authorization.getThreads()).isEqualTo(4);
				assertThat(authorization.getQueueCapacity()).isEqualTo(50);
				assertThat(authorization.getCacheTimeToLive()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.getHandshake().isAllowAnonymous()).isFalse();
				assertThat(properties.getHandshake().isAllowMissingOrigin()).isFalse();
			});
	}

	private record Recording(List<String> calls, String name, int order) implements SocketAuthenticator, Ordered {

		@Override
		public @Nullable Principal authenticate(ClientRequest request) {
			this.calls.add(this.name);
			return null;
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	@Test
	void bindsProperties() {
		this.runner
			.withPropertyValues("sockets.path-prefix=/ws/",
					"sockets.allowed-origins=https://a.example,https://*.b.example", "sockets.activity-timeout=2m",
					"sockets.max-message-size=20KB", "sockets.connection.send-time-limit=3s",
					"sockets.connection.send-buffer-size-limit=1MB", "sockets.api.max-event-data-size=100KB",
					"sockets.api.max-timestamp-skew=1m")
			.run((context) -> {
				SocketsProperties properties = context.getBean(SocketsProperties.class);
				assertThat(properties.endpointPath()).isEqualTo("/ws/app/*");
				assertThat(properties.getAllowedOrigins()).containsExactly("https://a.example", "https://*.b.example");
				assertThat(properties.getActivityTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.getMaxMessageSize()).isEqualTo(DataSize.ofKilobytes(20));
				assertThat(properties.getConnection().getSendTimeLimit()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getConnection().getSendBufferSizeLimit()).isEqualTo(DataSize.ofMegabytes(1));
				assertThat(properties.getApi().getMaxEventDataSize()).isEqualTo(DataSize.ofKilobytes(100));
				assertThat(properties.getApi().getMaxTimestampSkew()).isEqualTo(Duration.ofMinutes(1));
			});
	}

	@Test
	void failsStartupNamingAMissingSecret() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SocketsAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("sockets.app.id=1", "sockets.app.key=key")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("sockets.app.secret"));
	}

	@Test
	void failsStartupNamingEachBadProperty() {
		String[][] cases = { { "sockets.app.key=has space", "sockets.app.key" },
				{ "sockets.app.id=", "sockets.app.id" }, { "sockets.path-prefix=ws", "sockets.path-prefix" },
				{ "sockets.activity-timeout=0s", "sockets.activity-timeout" },
				{ "sockets.max-message-size=0B", "sockets.max-message-size" },
				{ "sockets.broker=carrier-pigeon", "sockets.broker" },
				{ "sockets.authorization.endpoint-path=auth", "sockets.authorization.endpoint-path" },
				{ "sockets.authorization.timeout=0s", "sockets.authorization.timeout" },
				{ "sockets.authorization.threads=0", "sockets.authorization.threads" },
				{ "sockets.authorization.queue-capacity=0", "sockets.authorization.queue-capacity" },
				{ "sockets.authorization.cache-time-to-live=-1s", "sockets.authorization.cache-time-to-live" },
				{ "sockets.app.encryption-master-key=c2hvcnQ=", "sockets.app.encryption-master-key" },
				{ "sockets.app.encryption-master-key=!!", "sockets.app.encryption-master-key" },
				{ "sockets.presence.max-members=0", "sockets.presence.max-members" },
				{ "sockets.presence.max-user-info-size=0B", "sockets.presence.max-user-info-size" },
				{ "sockets.redis.canary-interval=0s", "sockets.redis.canary-interval" },
				{ "sockets.redis.max-publications-in-flight=0", "sockets.redis.max-publications-in-flight" },
				{ "sockets.connection.io-threads=0", "sockets.connection.io-threads" },
				{ "sockets.redis.max-reconnect-delay=-1s", "sockets.redis.max-reconnect-delay" },
				{ "sockets.cache-channels.time-to-live=0s", "sockets.cache-channels.time-to-live" } };
		for (String[] bad : cases) {
			this.runner.withPropertyValues(bad[0])
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.as(bad[0])
					.hasStackTraceContaining(bad[1]));
		}
	}

}
