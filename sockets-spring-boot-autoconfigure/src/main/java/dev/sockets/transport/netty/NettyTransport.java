package dev.sockets.transport.netty;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.sockets.connection.Connection;
import dev.sockets.connection.QueueingTransport;
import dev.sockets.protocol.Frame;
import dev.sockets.protocol.PusherError;
import dev.sockets.server.PusherEndpoint;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket on the Netty port as a {@link QueueingTransport}. Frames go through the
 * event loop's {@link EventLoopWriter}, which writes them as shared, ready-made WebSocket
 * frames; the channel's outbound buffer is the connection's queue, bounded by its water
 * marks: a client that lets it pass the high mark is aborted with 4100, and one whose
 * queue has not moved for the send time limit is closed as stalled. Once a close frame is
 * sent nothing more is written, and the socket closes even if the client never reads it.
 */
final class NettyTransport implements QueueingTransport {

	/** The code reported for a socket that closed without a close frame. */
	static final int ABNORMAL_CLOSURE = 1006;

	private final Channel channel;

	private final EventLoopWriter writer;

	private final @Nullable Principal principal;

	private final Map<String, Object> attributes;

	private final long highWaterMark;

	private final long lowWaterMark;

	private final long sendTimeLimitNanos;

	private volatile boolean closing;

	private volatile int closeCode = ABNORMAL_CLOSURE;

	// what isStalled saw last: the bytes queued, and since when they have not gone down
	private long stallBytes;

	private long stallSince;

	// on the event loop only: the writer's flush mark, and whether a close frame went out
	boolean flushPending;

	private boolean closeSent;

	NettyTransport(Channel channel, EventLoopWriter writer, @Nullable Principal principal,
			Map<String, Object> attributes, long highWaterMark, long sendTimeLimitNanos) {
		this.channel = channel;
		this.writer = writer;
		this.principal = principal;
		this.attributes = new ConcurrentHashMap<>(attributes);
		this.highWaterMark = highWaterMark;
		this.lowWaterMark = highWaterMark / 2;
		this.sendTimeLimitNanos = sendTimeLimitNanos;
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

	// what is queued is dropped: the writer writes nothing after the close frame
	@Override
	public void abort(int code, String reason) {
		this.closing = true;
		this.closeCode = code;
		this.channel.eventLoop().execute(() -> closeNow(code, reason));
	}

	// on the event loop, after what was queued before it
	void closeNow(int code, String reason) {
		if (this.channel.isWritable()) {
			sendClose(code, reason);
		}
		else {
			// a client that stopped reading would hold the close frame, and the socket,
			// for good
			this.closeSent = true;
			this.channel.close();
		}
	}

	// on the event loop: the close frame, then the socket closes once it is written, or
	// after the send time limit if the client does not take it
	void sendClose(int code, String reason) {
		if (this.closeSent) {
			return;
		}
		this.closeSent = true;
		this.channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener((future) -> this.channel.close());
		this.channel.eventLoop().schedule(() -> this.channel.close(), this.sendTimeLimitNanos, TimeUnit.NANOSECONDS);
	}

	// on the event loop
	boolean isCloseSent() {
		return this.closeSent;
	}

	// on the event loop: the client fell a buffer behind
	void overflowed() {
		Connection connection = connection();
		if (connection != null) {
			connection.abort(PusherError.OVER_CAPACITY, "outbound buffer over " + this.highWaterMark + " bytes");
		}
		else if (!this.closeSent) {
			this.closeSent = true;
			this.channel.close();
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

	// from the channel's water marks: high - what may still come while writable, low +
	// what must still go once not
	@Override
	public long queuedBytes() {
		if (!this.channel.isWritable()) {
			return this.lowWaterMark + this.channel.bytesBeforeWritable();
		}
		return Math.max(0, this.highWaterMark - this.channel.bytesBeforeUnwritable());
	}

	// called by one sweeper thread, about once a second
	@Override
	public synchronized boolean isStalled(long now) {
		long queued = queuedBytes();
		if (queued == 0) {
			this.stallSince = 0;
		}
		else if (this.stallSince == 0 || queued < this.stallBytes) {
			this.stallSince = now;
		}
		this.stallBytes = queued;
		return this.stallSince != 0 && now - this.stallSince > this.sendTimeLimitNanos;
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
		return remoteAddress(this.channel);
	}

	static @Nullable InetSocketAddress remoteAddress(Channel channel) {
		SocketAddress address = channel.remoteAddress();
		return (address instanceof InetSocketAddress inet) ? inet : null;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

}
