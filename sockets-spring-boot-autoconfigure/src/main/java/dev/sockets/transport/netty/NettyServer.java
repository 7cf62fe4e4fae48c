package dev.sockets.transport.netty;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.sockets.connection.ThreadPools;
import dev.sockets.connection.WriteObserver;
import dev.sockets.handshake.HandshakeChecks;
import dev.sockets.http.HttpApi;
import dev.sockets.server.PusherEndpoint;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.util.ClassUtils;

/**
 * Internal: the starter's own Netty server, serving Pusher WebSockets and the Pusher HTTP
 * API on a port of its own, started and stopped with the application context. It stops
 * after the connections were drained (the {@code Liveness} phase ends first). Native
 * epoll where it loads, NIO otherwise. The bound port is published as the
 * {@value #PORT_PROPERTY} property.
 */
public final class NettyServer implements SmartLifecycle {

	/** The property the bound port is published as, as Boot publishes its server's. */
	public static final String PORT_PROPERTY = "local.sockets.netty.port";

	private static final Log logger = LogFactory.getLog(NettyServer.class);

	private static final boolean EPOLL_PRESENT = ClassUtils.isPresent("io.netty.channel.epoll.Epoll",
			NettyServer.class.getClassLoader());

	private final NettySettings settings;

	private final PusherEndpoint endpoint;

	private final HandshakeChecks checks;

	private final @Nullable HttpApi api;

	private final WriteObserver observer;

	private final @Nullable ConfigurableEnvironment environment;

	private final SessionPrincipals sessions;

	private volatile @Nullable Running running;

	/**
	 * Creates the server.
	 * @param settings where it listens and what it accepts
	 * @param endpoint the protocol endpoint
	 * @param checks the handshake checks
	 * @param api the HTTP API, or {@code null} when it is disabled
	 * @param observer told of every frame written
	 * @param environment where the bound port is published, or {@code null}
	 * @param sessions finds a handshake's principal in the browser's session
	 */
	public NettyServer(NettySettings settings, PusherEndpoint endpoint, HandshakeChecks checks, @Nullable HttpApi api,
			WriteObserver observer, @Nullable ConfigurableEnvironment environment, SessionPrincipals sessions) {
		this.settings = settings;
		this.endpoint = endpoint;
		this.checks = checks;
		this.api = api;
		this.observer = observer;
		this.environment = environment;
		this.sessions = sessions;
	}

	@Override
	public void start() {
		if (this.running != null) {
			return;
		}
		boolean epoll = EPOLL_PRESENT && NativeEpoll.isAvailable();
		IoHandlerFactory io = epoll ? NativeEpoll.ioHandlerFactory() : NioIoHandler.newFactory();
		Class<? extends ServerChannel> channelType = epoll ? NativeEpoll.serverChannel() : NioServerSocketChannel.class;
		EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sockets-netty-accept"), io);
		EventLoopGroup workers = new MultiThreadIoEventLoopGroup(this.settings.ioThreads(),
				new DefaultThreadFactory("sockets-netty"), io);
		ThreadPoolExecutor blockingChecks = blockingChecks(this.settings.virtualThreads());
		EventLoopWriters writers = new EventLoopWriters(ByteBufAllocator.DEFAULT, this.observer);
		HttpRequestHandler requests = new HttpRequestHandler(this.settings, this.endpoint, this.checks, this.api,
				blockingChecks, writers, this.sessions);
		long high = Math.max(1, Math.min(Integer.MAX_VALUE, this.settings.sendBufferSizeLimit()));
		ServerBootstrap bootstrap = new ServerBootstrap();
		if (this.settings.socketSendBuffer() > 0) {
			bootstrap.childOption(ChannelOption.SO_SNDBUF, this.settings.socketSendBuffer());
		}
		bootstrap.group(boss, workers)
			.channel(channelType)
			.option(ChannelOption.SO_BACKLOG, 4096)
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark((int) high / 2, (int) high))
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					pipeline(channel.pipeline(), channel, requests);
				}
			});
		InetSocketAddress bindTo = (this.settings.address() != null)
				? new InetSocketAddress(this.settings.address(), this.settings.port())
				: new InetSocketAddress(this.settings.port());
		Channel server;
		try {
			server = bootstrap.bind(bindTo).syncUninterruptibly().channel();
		}
		catch (RuntimeException ex) {
			shutdown(boss, workers, blockingChecks);
			throw new IllegalStateException("The sockets Netty server could not listen on " + bindTo
					+ " (sockets.netty.address, sockets.netty.port): " + ex.getMessage(), ex);
		}
		int port = ((InetSocketAddress) server.localAddress()).getPort();
		this.running = new Running(server, boss, workers, blockingChecks, port);
		publishPort(port);
		logger.info("Sockets Netty server listening on " + server.localAddress() + " (" + (epoll ? "epoll" : "NIO")
				+ ", " + ((this.settings.ssl() != null) ? "TLS" : "plain") + ")");
	}

	private void pipeline(ChannelPipeline pipeline, SocketChannel channel, HttpRequestHandler requests) {
		SslContext ssl = this.settings.ssl();
		if (ssl != null) {
			pipeline.addLast("tls", ssl.newHandler(channel.alloc()));
		}
		pipeline.addLast("http", new HttpServerCodec(4096, 8192, 8192));
		pipeline.addLast("aggregator", new JsonHttpObjectAggregator(this.settings.maxRequestSize()));
		pipeline.addLast("deadline", new RequestDeadline(this.settings.handshakeTimeout().toNanos()));
		pipeline.addLast("requests", requests);
	}

	// the application's authenticators and interceptors, and session lookups
	private static ThreadPoolExecutor blockingChecks(boolean virtual) {
		int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
		return ThreadPools.forApplicationCode("handshake", threads, Duration.ofSeconds(60), 1024, virtual);
	}

	private void publishPort(int port) {
		ConfigurableEnvironment environment = this.environment;
		if (environment == null) {
			return;
		}
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> ports = sources.get("server.ports");
		if (ports instanceof MapPropertySource map) {
			map.getSource().put(PORT_PROPERTY, port);
		}
		else {
			sources.addFirst(new MapPropertySource("server.ports", new HashMap<>(Map.of(PORT_PROPERTY, port))));
		}
	}

	/**
	 * The port the server listens on.
	 * @return the port, or -1 while it is not running
	 */
	public int port() {
		Running current = this.running;
		return (current != null) ? current.port() : -1;
	}

	@Override
	public void stop() {
		Running current = this.running;
		if (current == null) {
			return;
		}
		this.running = null;
		current.server().close().syncUninterruptibly();
		shutdown(current.boss(), current.workers(), current.blockingChecks());
	}

	private static void shutdown(EventLoopGroup boss, EventLoopGroup workers, ThreadPoolExecutor blockingChecks) {
		blockingChecks.shutdown();
		boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

	// after the connections were drained, which Liveness does at the default phase
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	// apart, so that the epoll classes load only where they are present
	private static final class NativeEpoll {

		static boolean isAvailable() {
			return Epoll.isAvailable();
		}

		static IoHandlerFactory ioHandlerFactory() {
			return EpollIoHandler.newFactory();
		}

		static Class<? extends ServerChannel> serverChannel() {
			return EpollServerSocketChannel.class;
		}

	}

	private record Running(Channel server, EventLoopGroup boss, EventLoopGroup workers,
			ThreadPoolExecutor blockingChecks, int port) {

	}

}
