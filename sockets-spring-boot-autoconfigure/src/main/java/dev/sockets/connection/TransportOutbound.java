package dev.sockets.connection;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.sockets.protocol.Frame;
import dev.sockets.protocol.Frames;
import dev.sockets.protocol.PusherError;
import org.jspecify.annotations.Nullable;

/**
 * The way out through a transport that queues frames itself ({@link QueueingTransport}):
 * every frame is handed over at once, and the transport bounds what it holds.
 */
final class TransportOutbound implements Outbound {

	private final String socketId;

	private final QueueingTransport transport;

	private final AtomicBoolean closing = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	TransportOutbound(String socketId, QueueingTransport transport) {
		this.socketId = socketId;
		this.transport = transport;
	}

	@Override
	public boolean offer(Frame frame) {
		if (this.closing.get() || this.closed.get()) {
			return false;
		}
		this.transport.send(frame);
		return true;
	}

	@Override
	public void close(PusherError error, @Nullable String detail) {
		Outbound.requireCloseCode(error);
		if (this.closed.get() || !this.closing.compareAndSet(false, true)) {
			return;
		}
		// both queued behind what was sent before
		this.transport.send(Frames.error(error, detail));
		this.transport.close(error.code(), error.reason());
	}

	@Override
	public void abort(PusherError error, String why) {
		Outbound.requireCloseCode(error);
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.closing.set(true);
		Outbound.abort(this.socketId, this.transport, error, why);
	}

	@Override
	public void markClosed() {
		this.closed.set(true);
	}

	@Override
	public boolean isClosed() {
		return this.closed.get() || this.closing.get() || !this.transport.isOpen();
	}

	@Override
	public boolean isStalled(long now) {
		return this.transport.isStalled(now);
	}

	@Override
	public long queuedBytes() {
		return this.transport.queuedBytes();
	}

}
