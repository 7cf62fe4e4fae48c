package dev.sockets.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.sockets.channel.ChannelSettings;
import dev.sockets.channel.Namespaces;
import dev.sockets.broker.Retention;
import dev.sockets.webhook.WebhookSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the sockets starter, under {@code sockets.*}. The defaults are safe
 * for production: same-origin handshakes only, bounded message sizes and outbound
 * buffers.
 */
@ConfigurationProperties("sockets")
public class SocketsProperties implements InitializingBean {

	// a recovering client is sent the whole history at once, into its outbound buffer
	private static final int MAX_HISTORY_SIZE = 10_000;

	private static final Pattern APP_KEY = Pattern.compile("[A-Za-z0-9._-]+");

	/**
	 * Path prefix of the WebSocket endpoint; clients connect to {prefix}/app/{key}.
	 */
	private String pathPrefix = "";

	/**
	 * Origins allowed to open a WebSocket, as exact origins or patterns such as
	 * "https://*.example.com". Empty means same-origin only. Handshakes without an Origin
	 * header (non-browser clients) are accepted.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Idle time after which a client should ping, sent to clients in the handshake; the
	 * server pings a connection that has been silent this long.
	 */
	private Duration activityTimeout = Duration.ofSeconds(30);

	/**
	 * Time a pinged connection has to answer before it is closed with 4201.
	 */
	private Duration pongTimeout = Duration.ofSeconds(30);

	/**
	 * Largest message a client may send. A larger one is rejected with a pusher:error
	 * 4301 and the connection stays open.
	 */
	private DataSize maxMessageSize = DataSize.ofKilobytes(10);

	/**
	 * Which broker carries broadcasts between nodes.
	 */
	private BrokerType broker = BrokerType.LOCAL;

	/**
	 * Which server carries the WebSocket endpoint and the HTTP API: the application's own
	 * servlet container, or a Netty server of the starter's own on sockets.netty.port.
	 */
	private TransportType transport = TransportType.SERVLET;

	private final Netty netty = new Netty();

	private final App app = new App();

	private final Connection connection = new Connection();

	private final Api api = new Api();

	private final Handshake handshake = new Handshake();

	private final Authorization authorization = new Authorization();

	private final Presence presence = new Presence();

	private final CacheChannels cacheChannels = new CacheChannels();

	private final SubscriptionCount subscriptionCount = new SubscriptionCount();

	private final Redis redis = new Redis();

	private final ClientEvents clientEvents = new ClientEvents();

	private final Admission admission = new Admission();

	private final Shutdown shutdown = new Shutdown();

	/**
	 * Channel namespaces: settings of their own for the channels a pattern matches, in
	 * order; the first match wins and unmatched channels use the global settings.
	 */
	private final List<Namespace> namespaces = new ArrayList<>();

	/**
	 * Webhooks: channel and member events POSTed, signed, to the application's other
	 * services, as Pusher sends them.
	 */
	private final List<Webhook> webhooks = new ArrayList<>();

	public String getPathPrefix() {
		return this.pathPrefix;
	}

	public void setPathPrefix(String pathPrefix) {
		this.pathPrefix = pathPrefix;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public Duration getActivityTimeout() {
		return this.activityTimeout;
	}

	public void setActivityTimeout(Duration activityTimeout) {
		this.activityTimeout = activityTimeout;
	}

	public Duration getPongTimeout() {
		return this.pongTimeout;
	}

	public void setPongTimeout(Duration pongTimeout) {
		this.pongTimeout = pongTimeout;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public BrokerType getBroker() {
		return this.broker;
	}

	public void setBroker(BrokerType broker) {
		this.broker = broker;
	}

	public App getApp() {
		return this.app;
	}

	public TransportType getTransport() {
		return this.transport;
	}

	public void setTransport(TransportType transport) {
		this.transport = transport;
	}

	public Netty getNetty() {
		return this.netty;
	}

	/**
	 * What WebSocket handshakes on the Netty port start with, up to the app key.
	 * @return {prefix}/app/
	 */
	String endpointPrefix() {
		return StringUtils.trimTrailingCharacter(this.pathPrefix, '/') + "/app/";
	}

	public Connection getConnection() {
		return this.connection;
	}

	public Api getApi() {
		return this.api;
	}

	public Handshake getHandshake() {
		return this.handshake;
	}

	public Authorization getAuthorization() {
		return this.authorization;
	}

	public SubscriptionCount getSubscriptionCount() {
		return this.subscriptionCount;
	}

	public CacheChannels getCacheChannels() {
		return this.cacheChannels;
	}

	public Presence getPresence() {
		return this.presence;
	}

	public Redis getRedis() {
		return this.redis;
	}

	public ClientEvents getClientEvents() {
		return this.clientEvents;
	}

	public Admission getAdmission() {
		return this.admission;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	/**
	 * The WebSocket endpoint's path pattern.
	 * @return {prefix}/app/*
	 */
	String endpointPath() {
		String prefix = StringUtils.trimTrailingCharacter(this.pathPrefix, '/');
		return prefix + "/app/*";
	}

	@Override
	public void afterPropertiesSet() {
		requireText("sockets.app.id", this.app.id, "An app id is required: the HTTP API serves /apps/{id}/events.");
		requireText("sockets.app.key", this.app.key, "An app key is required: clients connect to /app/{key}.");
		if (!APP_KEY.matcher(this.app.key).matches()) {
			throw new InvalidConfigurationPropertyValueException("sockets.app.key", this.app.key,
					"The app key may only contain letters, digits, '.', '_' and '-'.");
		}
		if (!StringUtils.hasText(this.app.secret)) {
			throw new InvalidConfigurationPropertyValueException("sockets.app.secret", null,
					"A secret is required to sign private channel authorizations and HTTP API requests.");
		}
		if (!this.pathPrefix.isEmpty() && !this.pathPrefix.startsWith("/")) {
			throw new InvalidConfigurationPropertyValueException("sockets.path-prefix", this.pathPrefix,
					"The path prefix must be empty or start with '/'.");
		}
		requirePositive("sockets.activity-timeout", this.activityTimeout, Duration.ofSeconds(1));
		requirePositive("sockets.pong-timeout", this.pongTimeout, Duration.ofSeconds(1));
		requirePositive("sockets.connection.send-time-limit", this.connection.sendTimeLimit, Duration.ofMillis(1));
		requireBytes("sockets.max-message-size", this.maxMessageSize);
		if (this.connection.laneThreads < 1) {
			throw new InvalidConfigurationPropertyValueException("sockets.connection.lane-threads",
					this.connection.laneThreads, "Must be at least 1.");
		}
		if (this.connection.ioThreads < 1) {
			throw new InvalidConfigurationPropertyValueException("sockets.connection.io-threads",
					this.connection.ioThreads, "Must be at least 1.");
		}
		if (this.connection.maxChannels < 1) {
			throw new InvalidConfigurationPropertyValueException("sockets.connection.max-channels",
					this.connection.maxChannels, "Must be at least 1.");
		}
		requireBytes("sockets.connection.send-buffer-size-limit", this.connection.sendBufferSizeLimit);
		this.app.encryptionMasterKeyBytes();
		this.authorization.validate();
		if (this.presence.maxMembers < 1) {
			throw new InvalidConfigurationPropertyValueException("sockets.presence.max-members",
					this.presence.maxMembers, "Must be at least 1.");
		}
		requireBytes("sockets.presence.max-user-info-size", this.presence.maxUserInfoSize);
		this.redis.validate();
		this.cacheChannels.validate();
		if (this.clientEvents.rateLimit < 1) {
			throw new InvalidConfigurationPropertyValueException("sockets.client-events.rate-limit",
					this.clientEvents.rateLimit, "Must be at least 1.");
		}
		requireBytes("sockets.api.max-event-data-size", this.api.maxEventDataSize);
		requireBytes("sockets.api.max-request-size", this.api.maxRequestSize);
		this.admission.validate();
		requirePositive("sockets.handshake.timeout", this.handshake.timeout, Duration.ofMillis(100));
		this.netty.validate();
		namespaces();
		webhookSettings();
		if (this.shutdown.drainPeriod.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("sockets.shutdown.drain-period",
					this.shutdown.drainPeriod, "Must not be negative; zero closes every connection at once.");
		}
	}

	public List<Namespace> getNamespaces() {
		return this.namespaces;
	}

	public List<Webhook> getWebhooks() {
		return this.webhooks;
	}

	/**
	 * The webhooks, checked.
	 * @return one settings per webhook
	 */
	List<WebhookSettings> webhookSettings() {
		List<WebhookSettings> settings = new ArrayList<>();
		for (int i = 0; i < this.webhooks.size(); i++) {
			settings.add(this.webhooks.get(i).settings("sockets.webhooks[" + i + "]"));
		}
		return settings;
	}

	/**
	 * The channel settings: the namespaces over the global settings, checked.
	 * @return the namespaces
	 */
	Namespaces namespaces() {
		ChannelSettings global = new ChannelSettings(this.presence.maxMembers, this.clientEvents.enabled,
				this.clientEvents.rateLimit, this.cacheChannels.timeToLive,
				(this.admission.maxSubscribersPerChannel != null) ? this.admission.maxSubscribersPerChannel
						: Integer.MAX_VALUE,
				null);
		Namespaces.Builder builder = Namespaces.over(global);
		for (int i = 0; i < this.namespaces.size(); i++) {
			Namespace namespace = this.namespaces.get(i);
			String name = "sockets.namespaces[" + i + "]";
			requireText(name + ".pattern", namespace.pattern, "A namespace needs a channel pattern.");
			ChannelSettings settings = namespace.settings(name, global);
			try {
				builder.add(namespace.pattern, settings);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(name + ".pattern", namespace.pattern,
						ex.getMessage());
			}
		}
		return builder.build();
	}

	private static void requireText(String name, @Nullable String value, String reason) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidConfigurationPropertyValueException(name, value, reason);
		}
	}

	private static void requirePositive(String name, Duration value, Duration minimum) {
		if (value.compareTo(minimum) < 0) {
			throw new InvalidConfigurationPropertyValueException(name, value, "Must be at least " + minimum + ".");
		}
	}

	private static void requireBytes(String name, DataSize value) {
		if (value.toBytes() < 1 || value.toBytes() > Integer.MAX_VALUE) {
			throw new InvalidConfigurationPropertyValueException(name, value, "Must be between 1B and 2GB.");
		}
	}

	/**
	 * The one app this server hosts; its credentials are shared with the Pusher SDKs and
	 * clients.
	 */
	public static class App {

		/**
		 * App id, as in the HTTP API path /apps/{id}/events.
		 */
		private @Nullable String id;

		/**
		 * App key: public, used by clients in the connection URL and in signed tokens.
		 */
		private @Nullable String key;

		/**
		 * App secret: signs channel authorizations and HTTP API requests. Keep it out of
		 * source control.
		 */
		private @Nullable String secret;

		/**
		 * Master key of end-to-end encrypted (private-encrypted-) channels, as 32 bytes
		 * in base64; the authorization endpoint derives each channel's shared secret from
		 * it. Leave it unset when encrypted channels are not used.
		 */
		private @Nullable String encryptionMasterKey;

		public @Nullable String getEncryptionMasterKey() {
			return this.encryptionMasterKey;
		}

		public void setEncryptionMasterKey(@Nullable String encryptionMasterKey) {
			this.encryptionMasterKey = encryptionMasterKey;
		}

		/**
		 * The decoded encryption master key.
		 * @return 32 bytes, or {@code null} when none is configured
		 */
		byte @Nullable [] encryptionMasterKeyBytes() {
			if (!StringUtils.hasText(this.encryptionMasterKey)) {
				return null;
			}
			byte[] key;
			try {
				key = Base64.getDecoder().decode(this.encryptionMasterKey.trim());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException("sockets.app.encryption-master-key", "(hidden)",
						"It must be base64.");
			}
			if (key.length != 32) {
				throw new InvalidConfigurationPropertyValueException("sockets.app.encryption-master-key", "(hidden)",
						"It must decode to 32 bytes, not " + key.length + ".");
			}
			return key;
		}

		public @Nullable String getId() {
			return this.id;
		}

		public void setId(@Nullable String id) {
			this.id = id;
		}

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

	}

	/**
	 * Limits of each client connection.
	 */
	public static class Connection {

		/**
		 * Maximum time a single write to a client may take before the connection is
		 * closed with 4100.
		 */
		private Duration sendTimeLimit = Duration.ofSeconds(10);

		/**
		 * Maximum bytes queued for a client that is slower than its messages arrive
		 * before it is closed with 4100.
		 */
		private DataSize sendBufferSizeLimit = DataSize.ofKilobytes(512);

		/**
		 * Whether to negotiate permessage-deflate with clients that offer it. Off because
		 * it costs about 300 KB of native memory per connection while Pusher frames are
		 * small.
		 */
		private boolean compression;

		/**
		 * Most channels one connection may subscribe to; more are refused with a
		 * subscription error.
		 */
		private int maxChannels = 100;

		/**
		 * Threads that start connections' socket writes and run their serial lanes.
		 * Writes are asynchronous and no lane waits for I/O, so one per core (the
		 * default, at least 2) serves every connection; a client that stopped reading
		 * holds none of them.
		 */
		private int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());

		/**
		 * Threads that run connections' lanes, where each connection's messages,
		 * authorization results, store completions and close are handled in order. The
		 * starter's own steps never wait there (not for a socket, not for Redis), but the
		 * application's listeners of connection, member and channel events run on them:
		 * raise this if those listeners block (a database write, say).
		 */
		private int laneThreads = Math.max(16, 4 * Runtime.getRuntime().availableProcessors());

		public int getLaneThreads() {
			return this.laneThreads;
		}

		public void setLaneThreads(int laneThreads) {
			this.laneThreads = laneThreads;
		}

		public int getIoThreads() {
			return this.ioThreads;
		}

		public void setIoThreads(int ioThreads) {
			this.ioThreads = ioThreads;
		}

		/**
		 * Whether to shrink the servlet container's per-connection buffers where that is
		 * safe for the rest of the application: the default WebSocket message buffers (to
		 * 1024 chars of text and 256 bytes; the endpoint reads longer messages in parts)
		 * and Tomcat's socket read buffer (socket.appReadBufSize, to 1 KB unless changed;
		 * large HTTP request bodies are then read 1 KB per system call). Other WebSocket
		 * endpoints of the application that need whole messages above 1024 chars must set
		 * their own size limits.
		 */
		private boolean smallContainerBuffers = true;

		/**
		 * Whether to shrink the rest of Tomcat's per-connection buffers too, for a server
		 * that serves mainly sockets: its WebSocket frame buffers (through the JVM-wide
		 * system property org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE, unless set)
		 * and the socket write buffer (socket.appWriteBufSize), to 1 KB each: about 17 KB
		 * of heap per idle connection instead of 38 KB. The costs: Tomcat's WebSocket
		 * clients in the same JVM default to 1 KB message buffers, text messages over 1
		 * KB go out in 1 KB frames, and HTTP responses over 1 KB are written 1 KB per
		 * system call.
		 */
		private boolean minimalTomcatBuffers = false;

		public int getMaxChannels() {
			return this.maxChannels;
		}

		public void setMaxChannels(int maxChannels) {
			this.maxChannels = maxChannels;
		}

		public boolean isMinimalTomcatBuffers() {
			return this.minimalTomcatBuffers;
		}

		public void setMinimalTomcatBuffers(boolean minimalTomcatBuffers) {
			this.minimalTomcatBuffers = minimalTomcatBuffers;
		}

		public boolean isSmallContainerBuffers() {
			return this.smallContainerBuffers;
		}

		public void setSmallContainerBuffers(boolean smallContainerBuffers) {
			this.smallContainerBuffers = smallContainerBuffers;
		}

		public boolean isCompression() {
			return this.compression;
		}

		public void setCompression(boolean compression) {
			this.compression = compression;
		}

		public Duration getSendTimeLimit() {
			return this.sendTimeLimit;
		}

		public void setSendTimeLimit(Duration sendTimeLimit) {
			this.sendTimeLimit = sendTimeLimit;
		}

		public DataSize getSendBufferSizeLimit() {
			return this.sendBufferSizeLimit;
		}

		public void setSendBufferSizeLimit(DataSize sendBufferSizeLimit) {
			this.sendBufferSizeLimit = sendBufferSizeLimit;
		}

	}

	/**
	 * The Pusher HTTP API that server SDKs publish through.
	 */
	public static class Api {

		/**
		 * Whether the signed publish API (POST /apps/{id}/events and /batch_events) is
		 * served.
		 */
		private boolean enabled = true;

		/**
		 * Largest data of one event; a larger one is refused with 413.
		 */
		private DataSize maxEventDataSize = DataSize.ofKilobytes(10);

		/**
		 * Largest request body; a larger one is refused with 413.
		 */
		private DataSize maxRequestSize = DataSize.ofKilobytes(256);

		/**
		 * How far a request's auth_timestamp may be from the server's clock.
		 */
		private Duration maxTimestampSkew = Duration.ofSeconds(600);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getMaxEventDataSize() {
			return this.maxEventDataSize;
		}

		public void setMaxEventDataSize(DataSize maxEventDataSize) {
			this.maxEventDataSize = maxEventDataSize;
		}

		public DataSize getMaxRequestSize() {
			return this.maxRequestSize;
		}

		public void setMaxRequestSize(DataSize maxRequestSize) {
			this.maxRequestSize = maxRequestSize;
		}

		public Duration getMaxTimestampSkew() {
			return this.maxTimestampSkew;
		}

		public void setMaxTimestampSkew(Duration maxTimestampSkew) {
			this.maxTimestampSkew = maxTimestampSkew;
		}

	}

	/**
	 * Checks made on the WebSocket handshake, before a connection exists.
	 */
	public static class Handshake {

		/**
		 * Whether connections without a principal (from Spring Security, the container or
		 * a SocketAuthenticator) are accepted. Pusher clients usually connect anonymously
		 * and authorize channels at the authorization endpoint.
		 */
		private boolean allowAnonymous = true;

		/**
		 * Whether handshakes without an Origin header are accepted. Browsers always send
		 * one; other clients (pusher-js on Node.js, mobile SDKs) usually do not.
		 */
		private boolean allowMissingOrigin = true;

		/**
		 * Longest a client may leave the connection silent while sending its upgrade
		 * request, so one that trickles its headers cannot hold a connection for long. On
		 * Tomcat it becomes the connector's connection timeout (which also bounds an idle
		 * HTTP keep-alive), unless server.tomcat.connection-timeout is set; it does not
		 * apply to open WebSockets, whose liveness is the activity timeout's.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public boolean isAllowAnonymous() {
			return this.allowAnonymous;
		}

		public void setAllowAnonymous(boolean allowAnonymous) {
			this.allowAnonymous = allowAnonymous;
		}

		public boolean isAllowMissingOrigin() {
			return this.allowMissingOrigin;
		}

		public void setAllowMissingOrigin(boolean allowMissingOrigin) {
			this.allowMissingOrigin = allowMissingOrigin;
		}

	}

	/**
	 * The channel authorizer pipeline and its two doors: the authorization endpoint and
	 * inline subscriptions.
	 */
	public static class Authorization {

		/**
		 * Whether the channel authorization endpoint that pusher-js and laravel-echo call
		 * is served.
		 */
		private boolean endpointEnabled = true;

		/**
		 * Path of the channel authorization endpoint; point pusher-js's
		 * channelAuthorization.endpoint (or Echo's authEndpoint) at it.
		 */
		private String endpointPath = "/sockets/auth";

		/**
		 * Path of the user authentication endpoint that pusher.signin() calls; point
		 * pusher-js's userAuthentication.endpoint at it.
		 */
		private String userEndpointPath = "/sockets/user-auth";

		public String getUserEndpointPath() {
			return this.userEndpointPath;
		}

		public void setUserEndpointPath(String userEndpointPath) {
			this.userEndpointPath = userEndpointPath;
		}

		/**
		 * Whether a private or presence subscription without a signature is authorized by
		 * the pipeline directly, with the principal of the connection's handshake.
		 */
		private boolean inline = true;

		/**
		 * Longest time the authorizers may take for one subscription; a slower one is
		 * denied with status 503.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		/**
		 * Threads that run authorizers, which may block (on a database, say).
		 */
		private int threads = 16;

		/**
		 * Subscriptions that may wait for an authorizer thread; beyond this they are
		 * refused with status 503.
		 */
		private int queueCapacity = 10_000;

		/**
		 * How long a connection remembers its authorization decisions, so resubscribing
		 * skips the authorizers. Zero never remembers.
		 */
		private Duration cacheTimeToLive = Duration.ZERO;

		public boolean isEndpointEnabled() {
			return this.endpointEnabled;
		}

		public void setEndpointEnabled(boolean endpointEnabled) {
			this.endpointEnabled = endpointEnabled;
		}

		public String getEndpointPath() {
			return this.endpointPath;
		}

		public void setEndpointPath(String endpointPath) {
			this.endpointPath = endpointPath;
		}

		public boolean isInline() {
			return this.inline;
		}

		public void setInline(boolean inline) {
			this.inline = inline;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public Duration getCacheTimeToLive() {
			return this.cacheTimeToLive;
		}

		public void setCacheTimeToLive(Duration cacheTimeToLive) {
			this.cacheTimeToLive = cacheTimeToLive;
		}

		void validate() {
			if (!this.endpointPath.startsWith("/")) {
				throw new InvalidConfigurationPropertyValueException("sockets.authorization.endpoint-path",
						this.endpointPath, "The path must start with '/'.");
			}
			if (!this.userEndpointPath.startsWith("/")) {
				throw new InvalidConfigurationPropertyValueException("sockets.authorization.user-endpoint-path",
						this.userEndpointPath, "The path must start with '/'.");
			}
			requirePositive("sockets.authorization.timeout", this.timeout, Duration.ofMillis(1));
			if (this.threads < 1) {
				throw new InvalidConfigurationPropertyValueException("sockets.authorization.threads", this.threads,
						"Must be at least 1.");
			}
			if (this.queueCapacity < 1) {
				throw new InvalidConfigurationPropertyValueException("sockets.authorization.queue-capacity",
						this.queueCapacity, "Must be at least 1.");
			}
			if (this.cacheTimeToLive.isNegative()) {
				throw new InvalidConfigurationPropertyValueException("sockets.authorization.cache-time-to-live",
						this.cacheTimeToLive, "Must not be negative.");
			}
		}

	}

	/**
	 * Pusher's optional subscription counts.
	 */
	public static class SubscriptionCount {

		/**
		 * Whether every subscribe and unsubscribe on a public or private channel sends
		 * pusher_internal:subscription_count with the cluster-wide count to its
		 * subscribers (at most every 5 s for channels over 100 subscribers). Off by
		 * default, as with Pusher.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Cache channels ({@code cache-}, {@code private-cache-},
	 * {@code private-encrypted-cache-}, {@code presence-cache-}).
	 */
	public static class CacheChannels {

		/**
		 * How long the last event broadcast to a cache channel is kept for new
		 * subscribers. Pusher keeps it for at most 30 minutes.
		 */
		private Duration timeToLive = Duration.ofMinutes(30);

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

		void validate() {
			requirePositive("sockets.cache-channels.time-to-live", this.timeToLive, Duration.ofMillis(1));
		}

	}

	/**
	 * Presence channels.
	 */
	public static class Presence {

		/**
		 * Most distinct users one presence channel may hold; the next gets a subscription
		 * error (LimitReached). Pusher's limit is 100 as well: every join sends the whole
		 * member list.
		 */
		private int maxMembers = 100;

		/**
		 * Largest user_info of a presence member, as JSON; a larger one is refused with a
		 * subscription error (LimitReached, 4301). Pusher allows 1 KB.
		 */
		private DataSize maxUserInfoSize = DataSize.ofKilobytes(1);

		public DataSize getMaxUserInfoSize() {
			return this.maxUserInfoSize;
		}

		public void setMaxUserInfoSize(DataSize maxUserInfoSize) {
			this.maxUserInfoSize = maxUserInfoSize;
		}

		public int getMaxMembers() {
			return this.maxMembers;
		}

		public void setMaxMembers(int maxMembers) {
			this.maxMembers = maxMembers;
		}

	}

	/**
	 * Client events (client-*): messages clients send to the other subscribers of a
	 * private or presence channel.
	 */
	public static class ClientEvents {

		/**
		 * Whether client-* events are relayed. Off by default, as with Pusher: anything a
		 * subscriber sends then reaches the others without passing the application.
		 */
		private boolean enabled;

		/**
		 * Most client events one connection may send per second; more are answered with
		 * pusher:error 4301 and dropped.
		 */
		private int rateLimit = 10;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getRateLimit() {
			return this.rateLimit;
		}

		public void setRateLimit(int rateLimit) {
			this.rateLimit = rateLimit;
		}

	}

	/**
	 * Who may connect, and how much each connection may send.
	 */
	public static class Admission {

		/**
		 * Most WebSocket connections this node holds; over it, a new connection gets
		 * pusher:error 4004 and is closed with 4004 before any authorization work. Unset
		 * means unlimited. On Tomcat, keep server.tomcat.max-connections above it, so the
		 * HTTP API and the auth endpoints stay reachable when the cap is reached.
		 */
		private @Nullable Integer maxConnections;

		/**
		 * Most WebSocket connections one user (the principal of the handshake) may hold,
		 * across the cluster with the Redis broker; the excess is refused with 4004.
		 * Anonymous connections are not counted. Unset means unlimited.
		 */
		private @Nullable Integer maxConnectionsPerUser;

		/**
		 * Most connections one channel (public, private or cache; presence channels have
		 * sockets.presence.max-members) may hold across the cluster; the next
		 * subscription gets a subscription error (LimitReached, 4100). Unset means
		 * unlimited.
		 */
		private @Nullable Integer maxSubscribersPerChannel;

		/**
		 * Messages per second a connection may send on average, pings and subscribes
		 * included; beyond it (and its burst) each message is answered with pusher:error
		 * 4301 and dropped.
		 */
		private int messageRate = 50;

		/**
		 * Messages a connection may send at once above its rate: enough for a page that
		 * subscribes to its channels right after connecting.
		 */
		private int messageBurst = 200;

		/**
		 * Messages in a row that may be refused for the rate before the connection is
		 * closed with 4100, as an abusive or broken client.
		 */
		private int maxRefusedMessages = 100;

		/**
		 * Handshakes per second one client address may make on average; beyond it (and
		 * its burst) HTTP 429 with Retry-After, before the upgrade. The address is the
		 * one Boot resolves, so set server.forward-headers-strategy behind a proxy. Zero
		 * turns the limit off.
		 */
		private int handshakeRate = 100;

		/**
		 * Handshakes one address may make at once above its rate: room for a page's
		 * reconnects, a test opening many connections at once, or an office behind one
		 * NAT reconnecting after a deploy.
		 */
		private int handshakeBurst = 500;

		public int getHandshakeRate() {
			return this.handshakeRate;
		}

		public void setHandshakeRate(int handshakeRate) {
			this.handshakeRate = handshakeRate;
		}

		public int getHandshakeBurst() {
			return this.handshakeBurst;
		}

		public void setHandshakeBurst(int handshakeBurst) {
			this.handshakeBurst = handshakeBurst;
		}

		public @Nullable Integer getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(@Nullable Integer maxConnections) {
			this.maxConnections = maxConnections;
		}

		public @Nullable Integer getMaxSubscribersPerChannel() {
			return this.maxSubscribersPerChannel;
		}

		public void setMaxSubscribersPerChannel(@Nullable Integer maxSubscribersPerChannel) {
			this.maxSubscribersPerChannel = maxSubscribersPerChannel;
		}

		public @Nullable Integer getMaxConnectionsPerUser() {
			return this.maxConnectionsPerUser;
		}

		public void setMaxConnectionsPerUser(@Nullable Integer maxConnectionsPerUser) {
			this.maxConnectionsPerUser = maxConnectionsPerUser;
		}

		public int getMessageRate() {
			return this.messageRate;
		}

		public void setMessageRate(int messageRate) {
			this.messageRate = messageRate;
		}

		public int getMessageBurst() {
			return this.messageBurst;
		}

		public void setMessageBurst(int messageBurst) {
			this.messageBurst = messageBurst;
		}

		public int getMaxRefusedMessages() {
			return this.maxRefusedMessages;
		}

		public void setMaxRefusedMessages(int maxRefusedMessages) {
			this.maxRefusedMessages = maxRefusedMessages;
		}

		void validate() {
			if (this.maxConnections != null && this.maxConnections < 0) {
				throw new InvalidConfigurationPropertyValueException("sockets.admission.max-connections",
						this.maxConnections, "Must not be negative; leave it unset for no limit.");
			}
			if (this.maxSubscribersPerChannel != null && this.maxSubscribersPerChannel < 1) {
				throw new InvalidConfigurationPropertyValueException("sockets.admission.max-subscribers-per-channel",
						this.maxSubscribersPerChannel, "Must be at least 1; leave it unset for no limit.");
			}
			if (this.maxConnectionsPerUser != null && this.maxConnectionsPerUser < 1) {
				throw new InvalidConfigurationPropertyValueException("sockets.admission.max-connections-per-user",
						this.maxConnectionsPerUser, "Must be at least 1; leave it unset for no limit.");
			}
			if (this.messageRate < 1) {
				throw new InvalidConfigurationPropertyValueException("sockets.admission.message-rate", this.messageRate,
						"Must be at least 1.");
			}
			if (this.messageBurst < 1) {
				throw new InvalidConfigurationPropertyValueException("sockets.admission.message-burst",
						this.messageBurst, "Must be at least 1.");
			}
			if (this.handshakeRate < 0) {
				throw new InvalidConfigurationPropertyValueException("sockets.admission.handshake-rate",
						this.handshakeRate, "Must not be negative; zero turns the limit off.");
			}
			if (this.handshakeBurst < 1) {
				throw new InvalidConfigurationPropertyValueException("sockets.admission.handshake-burst",
						this.handshakeBurst, "Must be at least 1.");
			}
			if (this.maxRefusedMessages < 1) {
				throw new InvalidConfigurationPropertyValueException("sockets.admission.max-refused-messages",
						this.maxRefusedMessages, "Must be at least 1.");
			}
		}

	}

	/**
	 * How the node lets its clients go when it stops.
	 */
	public static class Shutdown {

		/**
		 * Over how long the node's connections are closed with 4200 at shutdown, after
		 * its health went OUT_OF_SERVICE, so their clients reconnect to the other nodes
		 * spread out rather than in one burst. New connections are refused meanwhile.
		 * Keep it within spring.lifecycle.timeout-per-shutdown-phase (30 s by default).
		 */
		private Duration drainPeriod = Duration.ofSeconds(10);

		public Duration getDrainPeriod() {
			return this.drainPeriod;
		}

		public void setDrainPeriod(Duration drainPeriod) {
			this.drainPeriod = drainPeriod;
		}

	}

	/**
	 * The Redis broker (sockets.broker=redis).
	 */
	public static class Redis {

		/**
		 * Prefix of every Redis channel and key; the app id follows it, so applications
		 * with different prefixes or app ids can share one Redis.
		 */
		private String prefix = "sockets:";

		/**
		 * How often a node publishes a canary it must hear back through Redis; after
		 * three silent intervals the broker counts as down.
		 */
		private Duration canaryInterval = Duration.ofSeconds(2);

		/**
		 * Publications that may wait for Redis's acknowledgement at once, pipelined on
		 * one connection. Beyond this a publication is refused before it is delivered
		 * anywhere: the HTTP API answers 503 and Broadcaster's future fails with
		 * BroadcastRefusedException. Refusals are counted and mark the broker degraded.
		 */
		private int maxPublicationsInFlight = 10_000;

		/**
		 * Longest a publication may wait for Redis's acknowledgement before it fails
		 * (HTTP 503), so nothing reaches other nodes long after its caller was told it
		 * failed. Also the longest a subscription waits for Redis to confirm the node
		 * listens.
		 */
		private Duration maxPublishDelay = Duration.ofSeconds(2);

		/**
		 * How long a node may miss its heartbeats before the other nodes remove its
		 * connections' presence members (announcing them as gone), subscriptions and
		 * users.
		 */
		private Duration nodeTimeout = Duration.ofSeconds(15);

		/**
		 * Whether to use sharded pub/sub (SPUBLISH/SSUBSCRIBE) on a Redis Cluster of
		 * version 7 or later, so each channel's traffic stays on its own shard. Classic
		 * pub/sub is used on standalone and Sentinel setups, and on older clusters.
		 */
		private boolean shardedPubSub = true;

		/**
		 * Longest wait between Lettuce's attempts to reconnect to Redis (with jitter),
		 * applied to the client resources Spring Boot creates. Lettuce's own default
		 * grows to 30 s, which delays a node's rejoining after a long outage by as much.
		 * Zero leaves Lettuce's default in place.
		 */
		private Duration maxReconnectDelay = Duration.ofSeconds(5);

		/**
		 * Longest a presence, subscription-count or cache-channel operation waits for
		 * Redis. A subscription that needs an answer (a presence join, the member list)
		 * is then refused with status 503; a write (a count, a leave) is skipped and
		 * recorded again once Redis answers. Meanwhile the connection's next messages
		 * wait, but no thread does.
		 */
		private Duration storeTimeout = Duration.ofSeconds(2);

		public Duration getStoreTimeout() {
			return this.storeTimeout;
		}

		public void setStoreTimeout(Duration storeTimeout) {
			this.storeTimeout = storeTimeout;
		}

		public Duration getMaxReconnectDelay() {
			return this.maxReconnectDelay;
		}

		public void setMaxReconnectDelay(Duration maxReconnectDelay) {
			this.maxReconnectDelay = maxReconnectDelay;
		}

		public boolean isShardedPubSub() {
			return this.shardedPubSub;
		}

		public void setShardedPubSub(boolean shardedPubSub) {
			this.shardedPubSub = shardedPubSub;
		}

		public Duration getNodeTimeout() {
			return this.nodeTimeout;
		}

		public void setNodeTimeout(Duration nodeTimeout) {
			this.nodeTimeout = nodeTimeout;
		}

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

		public Duration getCanaryInterval() {
			return this.canaryInterval;
		}

		public void setCanaryInterval(Duration canaryInterval) {
			this.canaryInterval = canaryInterval;
		}

		public int getMaxPublicationsInFlight() {
			return this.maxPublicationsInFlight;
		}

		public void setMaxPublicationsInFlight(int maxPublicationsInFlight) {
			this.maxPublicationsInFlight = maxPublicationsInFlight;
		}

		public Duration getMaxPublishDelay() {
			return this.maxPublishDelay;
		}

		public void setMaxPublishDelay(Duration maxPublishDelay) {
			this.maxPublishDelay = maxPublishDelay;
		}

		void validate() {
			requirePositive("sockets.redis.canary-interval", this.canaryInterval, Duration.ofMillis(10));
			requirePositive("sockets.redis.max-publish-delay", this.maxPublishDelay, Duration.ofMillis(1));
			requirePositive("sockets.redis.node-timeout", this.nodeTimeout, Duration.ofMillis(300));
			requirePositive("sockets.redis.store-timeout", this.storeTimeout, Duration.ofMillis(1));
			if (this.maxReconnectDelay.isNegative()) {
				throw new InvalidConfigurationPropertyValueException("sockets.redis.max-reconnect-delay",
						this.maxReconnectDelay, "Must not be negative; zero leaves Lettuce's default.");
			}
			if (this.maxPublicationsInFlight < 1) {
				throw new InvalidConfigurationPropertyValueException("sockets.redis.max-publications-in-flight",
						this.maxPublicationsInFlight, "Must be at least 1.");
			}
		}

	}

	/**
	 * The brokers that can carry broadcasts.
	 */
	public enum TransportType {

		/**
		 * The application's servlet container (spring-websocket), on the application's
		 * own port.
		 */
		SERVLET,

		/**
		 * A Netty server of the starter's own, on sockets.netty.port: a fraction of the
		 * servlet container's memory and CPU per connection. Works in servlet, reactive
		 * and non-web applications.
		 */
		NETTY

	}

	/**
	 * The Netty server of sockets.transport=netty.
	 */
	public static class Netty {

		/**
		 * Port the Netty server listens on; 0 for a free one.
		 */
		private int port = 6001;

		/**
		 * Address the Netty server binds; every interface when not set.
		 */
		private @Nullable InetAddress address;

		/**
		 * Event loop threads; 0 for Netty's default, twice the processors.
		 */
		private int ioThreads;

		/**
		 * TLS on the Netty port.
		 */
		private final Ssl ssl = new Ssl();

		/**
		 * Socket send buffer (SO_SNDBUF) of each connection; the kernel sizes it when not
		 * set. A fixed size bounds what a client that stops reading holds in the kernel,
		 * so it reaches sockets.connection.send-buffer-size-limit sooner.
		 */
		private @Nullable DataSize socketSendBuffer;

		public @Nullable DataSize getSocketSendBuffer() {
			return this.socketSendBuffer;
		}

		public void setSocketSendBuffer(@Nullable DataSize socketSendBuffer) {
			this.socketSendBuffer = socketSendBuffer;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public @Nullable InetAddress getAddress() {
			return this.address;
		}

		public void setAddress(@Nullable InetAddress address) {
			this.address = address;
		}

		public int getIoThreads() {
			return this.ioThreads;
		}

		public void setIoThreads(int ioThreads) {
			this.ioThreads = ioThreads;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

		/**
		 * TLS on the Netty port.
		 */
		public static class Ssl {

			/**
			 * SSL bundle (spring.ssl.bundle.*) for TLS on the Netty port (wss:// and
			 * https://); plain when not set.
			 */
			private @Nullable String bundle;

			public @Nullable String getBundle() {
				return this.bundle;
			}

			public void setBundle(@Nullable String bundle) {
				this.bundle = bundle;
			}

		}

		void validate() {
			if (this.port < 0 || this.port > 65535) {
				throw new InvalidConfigurationPropertyValueException("sockets.netty.port", this.port,
						"Must be a port number from 0 (a free one) to 65535.");
			}
			if (this.ioThreads < 0) {
				throw new InvalidConfigurationPropertyValueException("sockets.netty.io-threads", this.ioThreads,
						"Must not be negative; 0 is Netty's default.");
			}
			if (this.socketSendBuffer != null) {
				requireBytes("sockets.netty.socket-send-buffer", this.socketSendBuffer);
			}
		}

	}

	public enum BrokerType {

		/**
		 * In memory, this node only.
		 */
		LOCAL,

		/**
		 * Redis pub/sub through the application's Spring Data Redis connection
		 * (spring.data.redis.*), so every node delivers every broadcast.
		 */
		REDIS

	}

	/**
	 * A channel namespace: a pattern and the settings that differ from the global ones.
	 */
	public static class Namespace {

		/**
		 * The channels of the namespace, in the @AuthorizeChannel pattern syntax (for
		 * example presence-game.* or private-team.{team}).
		 */
		private @Nullable String pattern;

		/**
		 * Most distinct users one of its presence channels may hold; the global
		 * sockets.presence.max-members when not set.
		 */
		private @Nullable Integer maxMembers;

		/**
		 * Most connections one of its channels (other than presence channels) may hold
		 * across the cluster; the global sockets.admission.max-subscribers-per-channel
		 * when not set.
		 */
		private @Nullable Integer maxSubscribers;

		/**
		 * Client events on its channels; the global sockets.client-events.* for what is
		 * not set.
		 */
		private final NamespaceClientEvents clientEvents = new NamespaceClientEvents();

		/**
		 * How long its cache channels keep their last event; the global
		 * sockets.cache-channels.time-to-live when not set.
		 */
		private @Nullable Duration cacheTimeToLive;

		/**
		 * The history its channels keep for missed-message recovery; none unless a size
		 * is set.
		 */
		private final NamespaceHistory history = new NamespaceHistory();

		public @Nullable String getPattern() {
			return this.pattern;
		}

		public void setPattern(@Nullable String pattern) {
			this.pattern = pattern;
		}

		public @Nullable Integer getMaxMembers() {
			return this.maxMembers;
		}

		public void setMaxMembers(@Nullable Integer maxMembers) {
			this.maxMembers = maxMembers;
		}

		public @Nullable Integer getMaxSubscribers() {
			return this.maxSubscribers;
		}

		public void setMaxSubscribers(@Nullable Integer maxSubscribers) {
			this.maxSubscribers = maxSubscribers;
		}

		public NamespaceClientEvents getClientEvents() {
			return this.clientEvents;
		}

		public @Nullable Duration getCacheTimeToLive() {
			return this.cacheTimeToLive;
		}

		public void setCacheTimeToLive(@Nullable Duration cacheTimeToLive) {
			this.cacheTimeToLive = cacheTimeToLive;
		}

		public NamespaceHistory getHistory() {
			return this.history;
		}

		ChannelSettings settings(String name, ChannelSettings global) {
			int maxMembers = (this.maxMembers != null) ? this.maxMembers : global.maxMembers();
			if (maxMembers < 1) {
				throw new InvalidConfigurationPropertyValueException(name + ".max-members", maxMembers,
						"Must be at least 1.");
			}
			boolean enabled = (this.clientEvents.enabled != null) ? this.clientEvents.enabled
					: global.clientEventsEnabled();
			int rate = (this.clientEvents.rateLimit != null) ? this.clientEvents.rateLimit
					: global.clientEventsPerSecond();
			if (rate < 1) {
				throw new InvalidConfigurationPropertyValueException(name + ".client-events.rate-limit", rate,
						"Must be at least 1.");
			}
			Duration ttl = (this.cacheTimeToLive != null) ? this.cacheTimeToLive : global.cacheTimeToLive();
			requirePositive(name + ".cache-time-to-live", ttl, Duration.ofMillis(1));
			int maxSubscribers = (this.maxSubscribers != null) ? this.maxSubscribers : global.maxSubscribers();
			if (maxSubscribers < 1) {
				throw new InvalidConfigurationPropertyValueException(name + ".max-subscribers", maxSubscribers,
						"Must be at least 1.");
			}
			return new ChannelSettings(maxMembers, enabled, rate, ttl, maxSubscribers,
					this.history.retention(name + ".history"));
		}

	}

	/**
	 * The history of a namespace's channels: what a client that reconnects with the
	 * recovery plugin gets back.
	 */
	public static class NamespaceHistory {

		/**
		 * Most events each channel keeps; 0 keeps none. A reconnecting client recovers
		 * when it missed at most this many. Each channel's history is kept in memory on a
		 * single node and in Redis in a cluster.
		 */
		private int size;

		/**
		 * How long a channel's history is kept after its last event: a client away longer
		 * (with nothing published meanwhile) is told it could not recover.
		 */
		private Duration timeToLive = Duration.ofMinutes(10);

		public int getSize() {
			return this.size;
		}

		public void setSize(int size) {
			this.size = size;
		}

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

		@Nullable Retention retention(String name) {
			if (this.size < 0 || this.size > MAX_HISTORY_SIZE) {
				throw new InvalidConfigurationPropertyValueException(name + ".size", this.size,
						"Must be between 0 (no history) and " + MAX_HISTORY_SIZE
								+ ": a recovering client is sent the whole history at once.");
			}
			requirePositive(name + ".time-to-live", this.timeToLive, Duration.ofSeconds(1));
			return (this.size == 0) ? null : new Retention(this.size, this.timeToLive);
		}

	}

	/**
	 * Client events in a namespace.
	 */
	public static class NamespaceClientEvents {

		/**
		 * Whether clients may send client events on its channels.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Most client events a connection may send per second on its channels.
		 */
		private @Nullable Integer rateLimit;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Integer getRateLimit() {
			return this.rateLimit;
		}

		public void setRateLimit(@Nullable Integer rateLimit) {
			this.rateLimit = rateLimit;
		}

	}

	/**
	 * A webhook: where Pusher's webhook events are POSTed, which of them, and the limits
	 * of its in-memory queue.
	 */
	public static class Webhook {

		private static final Set<String> EVENTS = Set.of("channel_occupied", "channel_vacated", "member_added",
				"member_removed", "client_event", "cache_miss", "subscription_count");

		/**
		 * Where requests are POSTed (http or https).
		 */
		private @Nullable URI url;

		/**
		 * The events sent: channel_occupied, channel_vacated, member_added,
		 * member_removed, client_event, cache_miss, subscription_count (with
		 * sockets.subscription-count.enabled); all when empty.
		 */
		private List<String> events = new ArrayList<>();

		/**
		 * Only events of channels whose name starts with this; all when not set.
		 */
		private @Nullable String channelPrefix;

		/**
		 * How long events gather before one request carries them.
		 */
		private Duration batchWindow = Duration.ofMillis(100);

		/**
		 * Most events in one request.
		 */
		private int maxBatchSize = 100;

		/**
		 * Most events waiting to be sent; beyond it new ones are dropped and counted.
		 */
		private int maxQueuedEvents = 10_000;

		/**
		 * How long a failing request is retried, with exponential back-off from 1 s to 1
		 * min, before its events are dropped and counted. Pusher retries for 5 minutes.
		 */
		private Duration retryFor = Duration.ofMinutes(5);

		/**
		 * How long one request may take.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * How long channel_vacated and member_removed wait; if the channel or member
		 * comes back meanwhile (a page reload), neither it nor its return is sent. Pusher
		 * waits about 3 s. Zero sends them at once.
		 */
		private Duration removalDelay = Duration.ofSeconds(3);

		public @Nullable URI getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable URI url) {
			this.url = url;
		}

		public List<String> getEvents() {
			return this.events;
		}

		public void setEvents(List<String> events) {
			this.events = events;
		}

		public @Nullable String getChannelPrefix() {
			return this.channelPrefix;
		}

		public void setChannelPrefix(@Nullable String channelPrefix) {
			this.channelPrefix = channelPrefix;
		}

		public Duration getBatchWindow() {
			return this.batchWindow;
		}

		public void setBatchWindow(Duration batchWindow) {
			this.batchWindow = batchWindow;
		}

		public int getMaxBatchSize() {
			return this.maxBatchSize;
		}

		public void setMaxBatchSize(int maxBatchSize) {
			this.maxBatchSize = maxBatchSize;
		}

		public int getMaxQueuedEvents() {
			return this.maxQueuedEvents;
		}

		public void setMaxQueuedEvents(int maxQueuedEvents) {
			this.maxQueuedEvents = maxQueuedEvents;
		}

		public Duration getRetryFor() {
			return this.retryFor;
		}

		public void setRetryFor(Duration retryFor) {
			this.retryFor = retryFor;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getRemovalDelay() {
			return this.removalDelay;
		}

		public void setRemovalDelay(Duration removalDelay) {
			this.removalDelay = removalDelay;
		}

		WebhookSettings settings(String name) {
			URI url = this.url;
			if (url == null || url.getScheme() == null
					|| !(url.getScheme().equals("http") || url.getScheme().equals("https")) || url.getHost() == null) {
				throw new InvalidConfigurationPropertyValueException(name + ".url", url,
						"A webhook needs an absolute http or https URL.");
			}
			for (String event : this.events) {
				if (!EVENTS.contains(event)) {
					throw new InvalidConfigurationPropertyValueException(name + ".events", event,
							"Not a webhook event; use " + String.join(", ", EVENTS.stream().sorted().toList()) + ".");
				}
			}
			if (this.maxBatchSize < 1) {
				throw new InvalidConfigurationPropertyValueException(name + ".max-batch-size", this.maxBatchSize,
						"Must be at least 1.");
			}
			if (this.maxQueuedEvents < 1) {
				throw new InvalidConfigurationPropertyValueException(name + ".max-queued-events", this.maxQueuedEvents,
						"Must be at least 1.");
			}
			if (this.batchWindow.isNegative() || this.removalDelay.isNegative()) {
				throw new InvalidConfigurationPropertyValueException(
						name + (this.batchWindow.isNegative() ? ".batch-window" : ".removal-delay"),
						this.batchWindow.isNegative() ? this.batchWindow : this.removalDelay, "Must not be negative.");
			}
			requirePositive(name + ".retry-for", this.retryFor, Duration.ZERO);
			requirePositive(name + ".timeout", this.timeout, Duration.ofMillis(1));
			return new WebhookSettings(url, Set.copyOf(this.events), this.channelPrefix, this.batchWindow,
					this.maxBatchSize, this.maxQueuedEvents, this.retryFor, this.timeout, this.removalDelay);
		}

	}

}
