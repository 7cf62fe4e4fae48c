package dev.sockets.transport.netty;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.sockets.connection.Connection;
import dev.sockets.connection.QueueingTransport;
import dev.sockets.protocol.Frame;
import dev.sockets.protocol.PusherError;
import dev.sockets.server.PusherEndpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket on the Netty port as a {@link QueueingTransport}. Frames go through the
 * event loop's {@link EventLoopWriter}, which writes them as shared, ready-made WebSocket
 * frames; the channel's outbound buffer is the connection's queue, bounded by its water
 * marks: a client that lets it pass the high mark is aborted with 4100.
 */
final class NettyTransport implements QueueingTransport {

	/** The code reported for a socket that closed without a close frame. */
	static final int ABNORMAL_CLOSURE = 1006;

	private final Channel channel;

	private final EventLoopWriter writer;

	private final @Nullable Principal principal;

	private final Map<String, Object> attributes;

	private final long highWaterMark;

	private volatile boolean closing;

	private volatile int closeCode = ABNORMAL_CLOSURE;

	// set and read by the writer on the event loop only
	boolean flushPending;

	NettyTransport(Channel channel, EventLoopWriter writer, @Nullable Principal principal,
			Map<String, Object> attributes, long highWaterMark) {
		this.channel = channel;
		this.writer = writer;
		this.principal = principal;
		this.attributes = new ConcurrentHashMap<>(attributes);
		this.highWaterMark = highWaterMark;
	}

	Channel channel() {
		return this.channel;
	}

	@Override
	public void send(Frame frame) {
		this.writer.enqueue(this, frame);
	}

	@Override
	public void close(int code, String reason) {
		this.closing = true;
		this.closeCode = code;
		this.writer.enqueueClose(this, code, reason);
	}

	@Override
	public void abort(int code, String reason) {
		this.closing = true;
		this.closeCode = code;
		this.channel.eventLoop().execute(() -> {
			if (this.channel.isWritable()) {
				this.channel.writeAndFlush(new CloseWebSocketFrame(code, reason))
					.addListener(ChannelFutureListener.CLOSE);
			}
			else {
				this.channel.close();
			}
		});
	}

	// on the event loop, after what was queued before it
	void closeNow(int code, String reason) {
		this.channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
	}

	// on the event loop: the client fell a buffer behind
	void overflowed() {
		Connection connection = connection();
		if (connection != null) {
			connection.abort(PusherError.OVER_CAPACITY, "outbound buffer over " + this.highWaterMark + " bytes");
		}
		else {
			abort(PusherError.OVER_CAPACITY.code(), PusherError.OVER_CAPACITY.reason());
		}
	}

	@Nullable Connection connection() {
		return (Connection) this.attributes.get(PusherEndpoint.CONNECTION);
	}

	void closeReceived(int code) {
		if (!this.closing) {
			this.closeCode = code;
		}
	}

	int closeCode() {
		return this.closeCode;
	}

	@Override
	public long queuedBytes() {
		if (!this.channel.isWritable()) {
			return this.highWaterMark + this.channel.bytesBeforeWritable();
		}
		return Math.max(0, this.highWaterMark - this.channel.bytesBeforeUnwritable());
	}

	@Override
	public boolean isOpen() {
		return this.channel.isActive();
	}

	@Override
	public @Nullable Principal principal() {
		return this.principal;
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress() {
		SocketAddress address = this.channel.remoteAddress();
		return (address instanceof InetSocketAddress inet) ? inet : null;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

}
