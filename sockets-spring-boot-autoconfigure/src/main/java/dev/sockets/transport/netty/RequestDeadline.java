package dev.sockets.transport.netty;

import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * Closes a connection that has not sent a complete request within the handshake timeout
 * of connecting, or of its last answer: a total deadline, so a client trickling its
 * headers a byte at a time holds the connection no longer than one that sends nothing.
 * Removed once the connection is a WebSocket.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {

	private final long timeoutNanos;

	private @Nullable ScheduledFuture<?> deadline;

	RequestDeadline(long timeoutNanos) {
		this.timeoutNanos = timeoutNanos;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		arm(ctx);
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object message) {
		if (message instanceof FullHttpRequest) {
			cancel();
		}
		ctx.fireChannelRead(message);
	}

	// again for the next request on a kept-alive connection
	void arm(ChannelHandlerContext ctx) {
		cancel();
		this.deadline = ctx.executor().schedule(() -> {
			ctx.close();
		}, this.timeoutNanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		cancel();
		ctx.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		cancel();
	}

	private void cancel() {
		ScheduledFuture<?> scheduled = this.deadline;
		if (scheduled != null) {
			scheduled.cancel(false);
			this.deadline = null;
		}
	}

}
