package dev.sockets.transport.netty;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.sockets.handshake.HandshakeChecks;
import dev.sockets.handshake.HandshakeRefusal;
import dev.sockets.handshake.Principals;
import dev.sockets.http.ApiRequest;
import dev.sockets.http.ApiResponse;
import dev.sockets.http.HttpApi;
import dev.sockets.server.PusherEndpoint;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Answers the HTTP requests of the Netty port: WebSocket handshakes at the endpoint's
 * path and the Pusher HTTP API under {@code /apps/}; anything else is a 404 with a JSON
 * body. A handshake passes the {@link HandshakeChecks} first, on the event loop when they
 * cannot block and on a thread of their own when they may; a refusal is answered with its
 * status and JSON body and no upgrade. Shared by every connection.
 */
@ChannelHandler.Sharable
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

	private static final Log logger = LogFactory.getLog(HttpRequestHandler.class);

	private static final String WEBSOCKET_VERSION = "13";

	private final NettySettings settings;

	private final PusherEndpoint endpoint;

	private final HandshakeChecks checks;

	private final @Nullable HttpApi api;

	private final Executor blockingChecks;

	private final EventLoopWriters writers;

	private final SessionPrincipals sessions;

	private final boolean checksMayBlock;

	private final WebSocketDecoderConfig decoderConfig;

	HttpRequestHandler(NettySettings settings, PusherEndpoint endpoint, HandshakeChecks checks, @Nullable HttpApi api,
			Executor blockingChecks, EventLoopWriters writers, SessionPrincipals sessions) {
		super(false);
		this.settings = settings;
		this.endpoint = endpoint;
		this.checks = checks;
		this.api = api;
		this.blockingChecks = blockingChecks;
		this.writers = writers;
		this.sessions = sessions;
		this.checksMayBlock = checks.mayBlock() || sessions.mayBlock();
		this.decoderConfig = WebSocketDecoderConfig.newBuilder()
			.maxFramePayloadLength(settings.maxFramePayload())
			.allowExtensions(false)
			.allowMaskMismatch(false)
			.closeOnProtocolViolation(true)
			.build();
	}

	// one request at a time: reading stops until it is answered or upgraded, so answers
	// keep their order and nothing arrives for a handler being replaced
	@Override
	protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
		ctx.channel().config().setAutoRead(false);
		boolean released = false;
		try {
			if (!request.decoderResult().isSuccess()) {
				respond(ctx, request, ApiResponse.error(HttpStatus.BAD_REQUEST, "The request is malformed"));
				return;
			}
			QueryStringDecoder query = new QueryStringDecoder(request.uri());
			String path = query.rawPath();
			if (isEndpoint(path)) {
				released = handshake(ctx, request);
				return;
			}
			HttpApi api = this.api;
			if (api != null && path.startsWith("/apps/")) {
				api(ctx, request, api, path, query.rawQuery());
				return;
			}
			respond(ctx, request, ApiResponse.error(HttpStatus.NOT_FOUND, "Not found: " + path));
		}
		finally {
			if (!released) {
				request.release();
			}
		}
	}

	private boolean isEndpoint(String path) {
		String prefix = this.settings.endpointPrefix();
		return path.startsWith(prefix) && path.length() > prefix.length() && path.indexOf('/', prefix.length()) < 0;
	}

	// true when the request was handed to another thread, which releases it
	private boolean handshake(ChannelHandlerContext ctx, FullHttpRequest request) {
		if (!HttpMethod.GET.equals(request.method()) || !HttpHeaderValues.WEBSOCKET
			.contentEqualsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
			respond(ctx, request, ApiResponse.error(HttpStatus.BAD_REQUEST, "Can \"Upgrade\" only to \"WebSocket\"."));
			return false;
		}
		NettyClientRequest client = NettyClientRequest.of(request, this.settings.ssl() != null,
				NettyTransport.remoteAddress(ctx.channel()), this.sessions);
		if (!this.checksMayBlock) {
			upgrade(ctx, request, client, this.checks.check(client));
			return false;
		}
		try {
			this.blockingChecks.execute(() -> checkAside(ctx, request, client));
			return true;
		}
		catch (RejectedExecutionException ex) {
			respond(ctx, request,
					ApiResponse.error(HttpStatus.SERVICE_UNAVAILABLE, "Too many handshakes waiting to be checked"));
			return false;
		}
	}

	// on a thread that may block; the upgrade goes back to the event loop, which releases
	// the request whatever happens
	private void checkAside(ChannelHandlerContext ctx, FullHttpRequest request, NettyClientRequest client) {
		HandshakeRefusal refusal;
		try {
			refusal = this.checks.check(client);
		}
		catch (Throwable ex) {
			logger.error("Failed to check a handshake", ex);
			refusal = HandshakeRefusal.of(HttpStatus.INTERNAL_SERVER_ERROR, "The handshake could not be checked");
		}
		HandshakeRefusal checked = refusal;
		try {
			ctx.executor().execute(() -> {
				try {
					upgrade(ctx, request, client, checked);
				}
				finally {
					request.release();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// the server is stopping
			request.release();
			ctx.channel().close();
		}
	}

	private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, NettyClientRequest client,
			@Nullable HandshakeRefusal refusal) {
		if (!ctx.channel().isActive() || ctx.isRemoved()) {
			return;
		}
		if (refusal != null) {
			respond(ctx, request, refusal.status(), refusal.body(), refusal.headers());
			return;
		}
		if (!WEBSOCKET_VERSION.equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
			WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
				.addListener(ChannelFutureListener.CLOSE);
			return;
		}
		Principal principal = Principals.established(client);
		NettyTransport transport = new NettyTransport(ctx.channel(), this.writers.of(ctx.channel().eventLoop()),
				principal, client.attributes(), this.settings.sendBufferSizeLimit(),
				this.settings.sendTimeLimit().toNanos());
		WebSocketServerHandshaker handshaker = new WebSocketServerHandshaker13(webSocketUrl(client.uri()), null,
				this.decoderConfig);
		ChannelFuture upgraded;
		try {
			upgraded = handshaker.handshake(ctx.channel(), request);
		}
		catch (RuntimeException ex) {
			logger.debug("Refused a malformed handshake from " + ctx.channel().remoteAddress(), ex);
			respond(ctx, request, ApiResponse.error(HttpStatus.BAD_REQUEST, "The WebSocket handshake is malformed"));
			return;
		}
		ctx.pipeline().remove(RequestDeadline.class);
		ctx.pipeline().replace(this, "websocket", new WebSocketFrameHandler(this.endpoint, transport));
		URI uri = client.uri();
		upgraded.addListener((ChannelFutureListener) (future) -> {
			if (future.isSuccess()) {
				this.endpoint.opened(transport, uri);
				future.channel().config().setAutoRead(true);
			}
			else {
				future.channel().close();
			}
		});
	}

	private static String webSocketUrl(URI uri) {
		return ("https".equals(uri.getScheme()) ? "wss://" : "ws://") + uri.getRawAuthority() + uri.getRawPath();
	}

	private void api(ChannelHandlerContext ctx, FullHttpRequest request, HttpApi api, String path, String rawQuery) {
		ApiRequest call = new ApiRequest(request.method().name(), path, rawQuery.isEmpty() ? null : rawQuery,
				ByteBufUtil.getBytes(request.content()));
		boolean keepAlive = HttpUtil.isKeepAlive(request);
		api.handle(call).whenComplete((response, failure) -> {
			ApiResponse answer = (failure != null)
					? ApiResponse.error(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error") : response;
			write(ctx, keepAlive, answer.status(), answer.json().getBytes(StandardCharsets.UTF_8), Map.of());
		});
	}

	private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, ApiResponse response) {
		respond(ctx, request, response.status(), response.json().getBytes(StandardCharsets.UTF_8), Map.of());
	}

	static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpStatus status, byte[] json,
			Map<String, String> headers) {
		write(ctx, HttpUtil.isKeepAlive(request) && !status.isError(), status, json, headers);
	}

	// a refused or failed request closes the connection; an answered one may be kept
	private static void write(ChannelHandlerContext ctx, boolean keepAlive, HttpStatus status, byte[] json,
			Map<String, String> headers) {
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.valueOf(status.value()), Unpooled.wrappedBuffer(json));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
			.setInt(HttpHeaderNames.CONTENT_LENGTH, json.length);
		headers.forEach(response.headers()::set);
		if (!keepAlive) {
			response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		}
		ChannelFuture written = ctx.writeAndFlush(response);
		if (!keepAlive) {
			written.addListener(ChannelFutureListener.CLOSE);
			return;
		}
		// the next request: within the deadline again, and read again
		written.addListener((ChannelFutureListener) (future) -> {
			RequestDeadline deadline = ctx.pipeline().get(RequestDeadline.class);
			if (deadline != null) {
				deadline.arm(ctx.pipeline().context(deadline));
			}
			future.channel().config().setAutoRead(true);
		});
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		logger.debug("HTTP error on " + ctx.channel(), cause);
		ctx.close();
	}

}
