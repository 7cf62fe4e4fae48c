package dev.sockets.transport.netty;

import java.nio.charset.StandardCharsets;

import dev.sockets.connection.Connection;
import dev.sockets.server.PusherEndpoint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Carries one connection's WebSocket frames to the {@link PusherEndpoint}, on its event
 * loop. Text arrives as the parts the client framed it in, decoded as it comes (a
 * character split between two frames waits for the next), so a message over the limit is
 * discarded part by part, as on the servlet transport, rather than buffered. Pings are
 * answered here; a close frame is answered and closes the socket.
 */
final class WebSocketFrameHandler extends ChannelInboundHandlerAdapter {

	private static final Log logger = LogFactory.getLog(WebSocketFrameHandler.class);

	private final PusherEndpoint endpoint;

	private final NettyTransport transport;

	// the message under way is binary
	private boolean binary;

	// the bytes of a character a frame ended in the middle of
	private byte @Nullable [] pending;

	WebSocketFrameHandler(PusherEndpoint endpoint, NettyTransport transport) {
		this.endpoint = endpoint;
		this.transport = transport;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object message) {
		try {
			if (message instanceof WebSocketFrame frame) {
				read(ctx, frame);
			}
		}
		finally {
			ReferenceCountUtil.release(message);
		}
	}

	private void read(ChannelHandlerContext ctx, WebSocketFrame frame) {
		if (frame instanceof TextWebSocketFrame) {
			this.binary = false;
			this.pending = null;
			text(frame.content(), frame.isFinalFragment());
		}
		else if (frame instanceof ContinuationWebSocketFrame) {
			if (this.binary) {
				binaryEnded(frame.isFinalFragment());
			}
			else {
				text(frame.content(), frame.isFinalFragment());
			}
		}
		else if (frame instanceof BinaryWebSocketFrame) {
			this.binary = true;
			binaryEnded(frame.isFinalFragment());
		}
		else if (frame instanceof PingWebSocketFrame) {
			ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
		}
		else if (frame instanceof CloseWebSocketFrame close) {
			// answered with the same code, unless our own close frame went out already
			int code = close.statusCode();
			this.transport.closeReceived((code == -1) ? WebSocketCloseStatus.EMPTY.code() : code);
			if (this.transport.isCloseSent()) {
				ctx.close();
			}
			else {
				this.transport.sendClose((code == -1) ? WebSocketCloseStatus.NORMAL_CLOSURE.code() : code,
						close.reasonText());
			}
		}
		// pongs need no answer
	}

	private void text(ByteBuf content, boolean last) {
		Connection connection = this.transport.connection();
		if (connection == null) {
			return;
		}
		byte[] carried = this.pending;
		if (carried == null && last) {
			// the common case: a whole message in one frame
			this.endpoint.received(connection, content.toString(StandardCharsets.UTF_8), true);
			return;
		}
		byte[] bytes = (carried != null) ? concat(carried, content) : ByteBufUtil.getBytes(content);
		int complete = last ? bytes.length : completeCharacters(bytes);
		this.pending = (complete < bytes.length) ? java.util.Arrays.copyOfRange(bytes, complete, bytes.length) : null;
		this.endpoint.received(connection, new String(bytes, 0, complete, StandardCharsets.UTF_8), last);
	}

	private static byte[] concat(byte[] head, ByteBuf tail) {
		byte[] bytes = new byte[head.length + tail.readableBytes()];
		System.arraycopy(head, 0, bytes, 0, head.length);
		tail.getBytes(tail.readerIndex(), bytes, head.length, tail.readableBytes());
		return bytes;
	}

	// the length of the longest prefix that does not end inside a UTF-8 sequence
	static int completeCharacters(byte[] bytes) {
		int length = bytes.length;
		for (int back = 1; back <= Math.min(3, length); back++) {
			int b = bytes[length - back] & 0xFF;
			if ((b & 0xC0) == 0x80) {
				continue;
			}
			int size = (b >= 0xF0) ? 4 : (b >= 0xE0) ? 3 : (b >= 0xC0) ? 2 : 1;
			return (size > back) ? length - back : length;
		}
		return length;
	}

	private void binaryEnded(boolean last) {
		Connection connection = this.transport.connection();
		if (last && connection != null) {
			this.endpoint.receivedBinary(connection);
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		if (!ctx.channel().isWritable() && ctx.channel().isActive()) {
			this.transport.overflowed();
		}
		ctx.fireChannelWritabilityChanged();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		Connection connection = this.transport.connection();
		if (connection != null) {
			this.endpoint.closed(connection, this.transport.closeCode());
		}
		ctx.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		logger.debug("WebSocket error on " + ctx.channel(), cause);
		ctx.close();
	}

}
