package dev.sockets.autoconfigure;

import java.time.Clock;
import java.util.Locale;

import dev.sockets.broker.Broadcaster;
import dev.sockets.broker.Broker;
import dev.sockets.broker.ChannelCache;
import dev.sockets.broker.DefaultBroadcaster;
import dev.sockets.broker.ChannelHistory;
import dev.sockets.broker.DefaultChannelHistory;
import dev.sockets.broker.LocalChannelCache;
import dev.sockets.broker.LocalBroker;
import dev.sockets.channel.AuthorizationSettings;
import dev.sockets.channel.AuthorizerDiscovery;
import dev.sockets.channel.ChannelAuthorization;
import dev.sockets.channel.Namespaces;
import dev.sockets.channel.SignInUser;
import dev.sockets.channel.ClientEventHandlers;
import dev.sockets.channel.ChannelSubscriptions;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.connection.IoThreads;
import dev.sockets.connection.OutboundLimits;
import dev.sockets.connection.SocketIds;
import dev.sockets.connection.WriteObserver;
import dev.sockets.handshake.AuthenticationCheck;
import dev.sockets.handshake.HandshakeChecks;
import dev.sockets.handshake.HandshakeRateLimit;
import dev.sockets.handshake.OriginCheck;
import dev.sockets.handshake.Principals;
import dev.sockets.handshake.SocketAuthenticator;
import dev.sockets.handshake.SocketHandshakeInterceptor;
import dev.sockets.http.ApiSettings;
import dev.sockets.http.AuthEndpointSettings;
import dev.sockets.http.ChannelAuthEndpoint;
import dev.sockets.http.HttpApi;
import dev.sockets.presence.ConnectionIndex;
import dev.sockets.presence.LocalPresenceStore;
import dev.sockets.presence.PresenceStore;
import dev.sockets.presence.RoomManager;
import dev.sockets.protocol.ChannelAuth;
import dev.sockets.protocol.Signatures;
import dev.sockets.presence.ChannelMembership;
import dev.sockets.presence.ChannelRecovery;
import dev.sockets.presence.SubscriptionCounts;
import dev.sockets.presence.ClusterControl;
import dev.sockets.presence.DefaultRoomManager;
import dev.sockets.server.AdmissionSettings;
import dev.sockets.server.EndpointSettings;
import dev.sockets.server.Liveness;
import dev.sockets.server.LocalDelivery;
import dev.sockets.server.PusherEndpoint;
import dev.sockets.transport.netty.NettyServer;
import dev.sockets.transport.netty.NettySettings;
import dev.sockets.transport.servlet.ContainerBufferDefaults;
import dev.sockets.transport.servlet.PusherHandshakeHandler;
import dev.sockets.transport.servlet.ServletHandshakeChecks;
import dev.sockets.transport.servlet.ServletHttpApi;
import dev.sockets.transport.reactive.ReactiveAuthRoutes;
import dev.sockets.webhook.StillGone;
import dev.sockets.webhook.WebhookJournal;
import dev.sockets.webhook.Webhooks;
import dev.sockets.transport.servlet.ServletAuthRoutes;
import dev.sockets.transport.servlet.TomcatLimits;
import dev.sockets.transport.servlet.TomcatSocketBuffers;
import dev.sockets.transport.servlet.ServletWebSocketHandler;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.DependsOn;
import org.springframework.validation.Validator;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

/**
 * Auto-configuration of the Pusher-protocol WebSocket endpoint, the {@link Broadcaster}
 * and the HTTP publish API.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@Conditional(OnSocketsTransportCondition.class)
@ConditionalOnClass(JsonMapper.class)
@ConditionalOnBooleanProperty(name = "sockets.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SocketsProperties.class)
public final class SocketsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SocketIds socketIds() {
		return new SocketIds();
	}

	@Bean
	ConnectionRegistry socketsConnectionRegistry() {
		return new ConnectionRegistry();
	}

	@Bean
	IoThreads socketsIoThreads(SocketsProperties properties) {
		return new IoThreads(properties.getConnection().getIoThreads(), properties.getConnection().getLaneThreads());
	}

	@Bean
	ChannelSubscriptions socketsChannelSubscriptions(Broker broker) {
		return new ChannelSubscriptions(broker);
	}

	@Bean
	ClusterControl socketsClusterControl(Broker broker, ObjectProvider<JsonMapper> jsonMapper, SocketIds socketIds) {
		return new ClusterControl(broker, jsonMapper.getIfAvailable(JsonMapper::shared), socketIds.node());
	}

	@Bean
	LocalDelivery socketsLocalDelivery(ChannelSubscriptions subscriptions, ConnectionRegistry connections,
			Broker broker, ClusterControl control, ObjectProvider<ObservationRegistry> observations) {
		return new LocalDelivery(subscriptions, connections, broker, control,
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	@ConditionalOnMissingBean(ChannelCache.class)
	LocalChannelCache socketsChannelCache(Namespaces namespaces) {
		return new LocalChannelCache((channel) -> namespaces.of(channel).cacheTimeToLive());
	}

	@Bean
	@ConditionalOnMissingBean(Broadcaster.class)
	DefaultBroadcaster broadcaster(Broker broker, ObjectProvider<JsonMapper> jsonMapper, ChannelCache cache,
			ObjectProvider<ObservationRegistry> observations, Namespaces namespaces) {
		JsonMapper mapper = jsonMapper.getIfAvailable(JsonMapper::shared);
		return new DefaultBroadcaster(broker, mapper::writeValueAsString, cache,
				observations.getIfAvailable(() -> ObservationRegistry.NOOP), namespaces::history);
	}

	@Bean
	@ConditionalOnMissingBean(ChannelHistory.class)
	DefaultChannelHistory channelHistory(Broker broker, Namespaces namespaces, IoThreads threads) {
		return new DefaultChannelHistory(broker, namespaces::history, threads.lanes());
	}

	@Bean
	ChannelRecovery socketsChannelRecovery(Broker broker, SocketsProperties properties) {
		// three quarters of a send buffer, leaving room for what is queued already
		return new ChannelRecovery(broker, properties.getConnection().getSendBufferSizeLimit().toBytes() * 3 / 4);
	}

	@Bean
	ChannelAuth socketsChannelAuth(SocketsProperties properties) {
		SocketsProperties.App app = properties.getApp();
		return new ChannelAuth(app.getKey(), new Signatures(app.getSecret()));
	}

	@Bean
	static AuthorizerDiscovery socketsAuthorizerDiscovery() {
		return new AuthorizerDiscovery();
	}

	@Bean
	ChannelAuthorization socketsChannelAuthorization(AuthorizerDiscovery discovery, SocketsProperties properties,
			Environment environment) {
		SocketsProperties.Authorization authorization = properties.getAuthorization();
		return new ChannelAuthorization(discovery,
				new AuthorizationSettings(authorization.getThreads(), authorization.getQueueCapacity(),
						authorization.getTimeout(), authorization.getCacheTimeToLive(),
						Threading.VIRTUAL.isActive(environment)));
	}

	@Bean
	Principals socketsPrincipals(ObjectProvider<SocketAuthenticator> authenticators) {
		return new Principals(authenticators.orderedStream().toList());
	}

	@Bean
	HandshakeRateLimit socketsHandshakeRateLimit(SocketsProperties properties) {
		SocketsProperties.Admission admission = properties.getAdmission();
		return new HandshakeRateLimit(admission.getHandshakeRate(), admission.getHandshakeBurst());
	}

	@Bean
	OriginCheck socketsOriginCheck(SocketsProperties properties) {
		return new OriginCheck(properties.getAllowedOrigins(), properties.getHandshake().isAllowMissingOrigin());
	}

	@Bean
	AuthenticationCheck socketsAuthenticationCheck(Principals principals, SocketsProperties properties) {
		return new AuthenticationCheck(principals, properties.getHandshake().isAllowAnonymous());
	}

	@Bean
	HandshakeChecks socketsHandshakeChecks(ObjectProvider<SocketHandshakeInterceptor> interceptors) {
		return new HandshakeChecks(interceptors.orderedStream().toList());
	}

	// as a listener of the channel and member events: sent once per cluster, by the node
	// where the cluster-wide count changed
	@Bean
	@Conditional(OnWebhooksCondition.class)
	Webhooks socketsWebhooks(SocketsProperties properties, ObjectProvider<JsonMapper> jsonMapper, ConnectionIndex index,
			PresenceStore store, ObjectProvider<WebhookJournal> journal) {
		return new Webhooks(properties.webhookSettings(), properties.getApp().getKey(), properties.getApp().getSecret(),
				jsonMapper.getIfAvailable(JsonMapper::shared), StillGone.of(index, store),
				journal.getIfAvailable(() -> WebhookJournal.NONE));
	}

	@Bean
	Namespaces socketsNamespaces(SocketsProperties properties) {
		return properties.namespaces();
	}

	@Bean
	EndpointSettings socketsEndpointSettings(SocketsProperties properties, IoThreads ioThreads,
			ObjectProvider<WriteObserver> writeObserver, Namespaces namespaces) {
		SocketsProperties.Connection connection = properties.getConnection();
		OutboundLimits outbound = new OutboundLimits(connection.getSendBufferSizeLimit().toBytes(),
				connection.getSendTimeLimit(), ioThreads.drainers(), ioThreads.lanes(),
				writeObserver.getIfAvailable(() -> WriteObserver.NONE));
		return new EndpointSettings(properties.getApp().getKey(), properties.getActivityTimeout(),
				properties.getPongTimeout(), (int) properties.getMaxMessageSize().toBytes(),
				connection.getMaxChannels(), outbound, properties.getAuthorization().isInline(), namespaces,
				admissionSettings(properties.getAdmission()));
	}

	private static AdmissionSettings admissionSettings(SocketsProperties.Admission admission) {
		Integer maxConnections = admission.getMaxConnections();
		Integer maxPerUser = admission.getMaxConnectionsPerUser();
		return new AdmissionSettings((maxConnections != null) ? maxConnections : Integer.MAX_VALUE,
				(maxPerUser != null) ? maxPerUser : Integer.MAX_VALUE, admission.getMessageRate(),
				admission.getMessageBurst(), admission.getMaxRefusedMessages());
	}

	// one bean for both: a custom PresenceStore implements ConnectionIndex too
	@Bean
	@ConditionalOnMissingBean(PresenceStore.class)
	LocalPresenceStore socketsPresenceStore() {
		return new LocalPresenceStore();
	}

	@Bean
	ChannelMembership socketsChannelMembership(ChannelSubscriptions subscriptions, PresenceStore store,
			ConnectionIndex index, Broker broker, ObjectProvider<JsonMapper> jsonMapper,
			ApplicationEventPublisher events, SocketsProperties properties, ChannelCache cache, Namespaces namespaces,
			ChannelRecovery recovery) {
		return new ChannelMembership(subscriptions, store, index, broker, jsonMapper.getIfAvailable(JsonMapper::shared),
				events, namespaces, (int) properties.getPresence().getMaxUserInfoSize().toBytes(), cache,
				properties.getSubscriptionCount().isEnabled() ? new SubscriptionCounts(broker) : SubscriptionCounts.OFF,
				recovery);
	}

	@Bean
	@ConditionalOnMissingBean(RoomManager.class)
	DefaultRoomManager roomManager(PresenceStore store, ConnectionIndex index, ConnectionRegistry connections,
			ChannelMembership membership, ClusterControl control) {
		return new DefaultRoomManager(store, index, connections, membership, control);
	}

	@Bean
	@DependsOn("socketsLocalDelivery")
	PusherEndpoint socketsPusherEndpoint(EndpointSettings settings, ConnectionRegistry connections,
			ChannelMembership membership, SocketIds socketIds, ObjectProvider<JsonMapper> jsonMapper,
			ChannelAuth channelAuth, ChannelAuthorization authorization, ApplicationEventPublisher events,
			ClientEventHandlers handlers, Liveness liveness) {
		return new PusherEndpoint(settings, connections, membership, socketIds,
				jsonMapper.getIfAvailable(JsonMapper::shared), channelAuth, authorization, events, handlers,
				liveness::isDraining);
	}

	@Bean
	ClientEventHandlers socketsClientEventHandlers(AuthorizerDiscovery discovery, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<Validator> validator, SocketsProperties properties, Environment environment) {
		return new ClientEventHandlers(discovery, jsonMapper.getIfAvailable(JsonMapper::shared), validator,
				properties.getAuthorization().getThreads(), Threading.VIRTUAL.isActive(environment));
	}

	@Bean
	Liveness socketsLiveness(ConnectionRegistry connections, EndpointSettings settings, SocketsProperties properties) {
		return new Liveness(connections, settings, properties.getShutdown().getDrainPeriod());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "sockets.broker", havingValue = "local", matchIfMissing = true)
	static class LocalBrokerConfiguration {

		@Bean
		@ConditionalOnMissingBean(Broker.class)
		LocalBroker socketsBroker() {
			return new LocalBroker();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "sockets.broker", havingValue = "redis")
	@ConditionalOnMissingClass("org.springframework.data.redis.connection.RedisConnectionFactory")
	static class RedisMissingConfiguration {

		@Bean
		Broker socketsBroker() {
			throw new InvalidConfigurationPropertyValueException("sockets.broker", "redis",
					"The Redis broker needs Spring Data Redis: add spring-boot-starter-data-redis.");
		}

	}

	@Bean
	@ConditionalOnBooleanProperty(name = "sockets.api.enabled", matchIfMissing = true)
	HttpApi socketsHttpApi(SocketsProperties properties, Broadcaster broadcaster, RoomManager rooms,
			PresenceStore store, ConnectionIndex index, ChannelCache cache, ObjectProvider<JsonMapper> jsonMapper,
			IoThreads threads, ChannelHistory history) {
		SocketsProperties.App app = properties.getApp();
		SocketsProperties.Api api = properties.getApi();
		ApiSettings settings = new ApiSettings(app.getId(), app.getKey(), app.getSecret(), api.getMaxTimestampSkew(),
				(int) api.getMaxEventDataSize().toBytes(), (int) api.getMaxRequestSize().toBytes());
		return new HttpApi(settings, broadcaster, rooms, store, index, cache,
				jsonMapper.getIfAvailable(JsonMapper::shared), Clock.systemUTC(), threads.lanes(), history);
	}

	// the authorization endpoints, on the application's own web server, whichever it is
	@Bean
	@ConditionalOnWebApplication
	@ConditionalOnBooleanProperty(name = "sockets.authorization.endpoint-enabled", matchIfMissing = true)
	ChannelAuthEndpoint socketsChannelAuthEndpoint(SocketsProperties properties, SocketIds socketIds,
			ChannelAuthorization authorization, ChannelAuth channelAuth, ConnectionRegistry connections,
			Principals principals, ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<SignInUser> signInUser) {
		AuthEndpointSettings settings = new AuthEndpointSettings(properties.getAuthorization().getEndpointPath(),
				properties.getAuthorization().getUserEndpointPath(), socketIds.node(),
				properties.getApp().encryptionMasterKeyBytes(),
				properties.getBroker() != SocketsProperties.BrokerType.LOCAL, properties.getAllowedOrigins());
		return new ChannelAuthEndpoint(settings, authorization, channelAuth, connections, principals,
				jsonMapper.getIfAvailable(JsonMapper::shared), signInUser.getIfAvailable());
	}

	// what needs the application's servlet container: the authorization endpoints always,
	// the WebSocket endpoint and the HTTP API's routes when it is the transport
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(RouterFunction.class)
	static class ServletConfiguration {

		@Bean
		@ConditionalOnBooleanProperty(name = "sockets.authorization.endpoint-enabled", matchIfMissing = true)
		RouterFunction<ServerResponse> socketsChannelAuthRoutes(ChannelAuthEndpoint endpoint) {
			return new ServletAuthRoutes(endpoint).routes();
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnProperty(name = "sockets.transport", havingValue = "servlet", matchIfMissing = true)
		@ConditionalOnClass(WebSocketConfigurer.class)
		@EnableWebSocket
		static class ServletTransportConfiguration {

			@Bean
			ServletWebSocketHandler socketsWebSocketHandler(PusherEndpoint endpoint) {
				return new ServletWebSocketHandler(endpoint);
			}

			@Bean
			WebSocketConfigurer socketsWebSocketConfigurer(ServletWebSocketHandler handler,
					SocketsProperties properties, HandshakeChecks checks) {
				return (registry) -> registry.addHandler(handler, properties.endpointPath())
					.setHandshakeHandler(new PusherHandshakeHandler(properties.getConnection().isCompression()))
					.addInterceptors(new ServletHandshakeChecks(checks))
					// Spring appends its own origin check to every registration;
					// OriginCheck, among the handshake checks, is the one that applies
					.setAllowedOriginPatterns("*");
			}

			// HttpApi's own condition: nested configurations are read before the outer
			// one's beans
			@Bean
			@ConditionalOnBooleanProperty(name = "sockets.api.enabled", matchIfMissing = true)
			RouterFunction<ServerResponse> socketsHttpApiRoutes(HttpApi api) {
				return new ServletHttpApi(api).routes();
			}

			@Bean
			@ConditionalOnBooleanProperty(name = "sockets.connection.small-container-buffers", matchIfMissing = true)
			ContainerBufferDefaults socketsContainerBufferDefaults() {
				return new ContainerBufferDefaults();
			}

			// what the application set itself in server.tomcat.* is left alone
			@Configuration(proxyBeanMethods = false)
			@ConditionalOnClass(name = "org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory")
			static class TomcatLimitsConfiguration {

				@Bean
				TomcatLimits socketsTomcatLimits(SocketsProperties properties, Environment environment) {
					Integer cap = properties.getAdmission().getMaxConnections();
					boolean ownLimit = environment.containsProperty("server.tomcat.max-connections");
					boolean ownTimeout = environment.containsProperty("server.tomcat.connection-timeout");
					return new TomcatLimits((cap != null && !ownLimit) ? cap : 0,
							ownTimeout ? null : properties.getHandshake().getTimeout());
				}

				@Bean
				@ConditionalOnBooleanProperty(name = "sockets.connection.small-container-buffers",
						matchIfMissing = true)
				TomcatSocketBuffers socketsTomcatSocketBuffers(SocketsProperties properties) {
					return new TomcatSocketBuffers(properties.getConnection().isMinimalTomcatBuffers());
				}

			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "sockets.transport", havingValue = "netty")
	@ConditionalOnClass(name = "io.netty.handler.codec.http.HttpServerCodec")
	static class NettyTransportConfiguration {

		@Bean
		NettyServer socketsNettyServer(SocketsProperties properties, PusherEndpoint endpoint, HandshakeChecks checks,
				ObjectProvider<HttpApi> api, ObjectProvider<WriteObserver> writeObserver,
				ObjectProvider<SslBundles> sslBundles, ConfigurableEnvironment environment,
				ApplicationContext context) {
			SocketsProperties.Netty netty = properties.getNetty();
			if (properties.getConnection().isCompression()) {
				LogFactory.getLog(NettyServer.class)
					.warn("sockets.connection.compression applies to the servlet transport only; "
							+ "the Netty transport does not negotiate permessage-deflate");
			}
			int maxMessage = (int) properties.getMaxMessageSize().toBytes();
			NettySettings settings = new NettySettings(netty.getAddress(), netty.getPort(), properties.endpointPrefix(),
					Math.max(64 * 1024, (int) Math.min(Integer.MAX_VALUE, 4L * maxMessage)),
					(int) properties.getApi().getMaxRequestSize().toBytes(), properties.getHandshake().getTimeout(),
					properties.getConnection().getSendBufferSizeLimit().toBytes(),
					properties.getConnection().getSendTimeLimit(), netty.getIoThreads(),
					(netty.getSocketSendBuffer() != null) ? (int) netty.getSocketSendBuffer().toBytes() : 0,
					NettySsl.context(netty.getSsl().getBundle(), sslBundles), Threading.VIRTUAL.isActive(environment));
			return new NettyServer(settings, endpoint, checks, api.getIfAvailable(),
					writeObserver.getIfAvailable(() -> WriteObserver.NONE), environment,
					NettySessions.of(context, environment));
		}

	}

	// a WebFlux application: the authorization endpoints on its server, the sockets on
	// Netty's port
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnBooleanProperty(name = "sockets.authorization.endpoint-enabled", matchIfMissing = true)
		ReactiveAuthRoutes socketsReactiveChannelAuthRoutes(ChannelAuthEndpoint endpoint) {
			return new ReactiveAuthRoutes(endpoint);
		}

		@Bean
		@ConditionalOnProperty(name = "sockets.transport", havingValue = "servlet", matchIfMissing = true)
		Object socketsServletTransportInReactiveApplication(SocketsProperties properties) {
			throw new InvalidConfigurationPropertyValueException("sockets.transport",
					properties.getTransport().name().toLowerCase(Locale.ROOT),
					"A reactive application has no servlet container for the servlet transport; "
							+ "set sockets.transport=netty to serve sockets on a Netty port of their own.");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "sockets.transport", havingValue = "netty")
	@ConditionalOnMissingClass("io.netty.handler.codec.http.HttpServerCodec")
	static class NettyMissingConfiguration {

		@Bean
		Object socketsNettyServer() {
			throw new InvalidConfigurationPropertyValueException("sockets.transport", "netty",
					"The Netty transport needs io.netty:netty-codec-http, which sockets-spring-boot-starter brings.");
		}

	}

}
