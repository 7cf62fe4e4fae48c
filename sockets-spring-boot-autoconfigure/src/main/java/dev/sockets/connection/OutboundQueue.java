package dev.sockets.connection;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.sockets.protocol.Frame;
import dev.sockets.protocol.Frames;
import dev.sockets.protocol.PusherError;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A connection's bounded outbound queue. Any thread may offer frames and returns at once.
 * A drain, run on one of a few shared threads, hands the transport one frame at a time:
 * the next write starts when the last one completes, so writes to a socket never overlap
 * and a socket that cannot take more bytes holds no thread, only its queued frames. The
 * byte limit counts this connection's queue alone; a connection over it is aborted with
 * {@link PusherError#OVER_CAPACITY}.
 * <p>
 * Drains are serialized by a work-in-progress counter: whoever raises it from zero
 * drains, everyone else only records that there is more to do. An offer hands the drain
 * to a drainer thread, so a broadcast only queues; a completion drains on its own thread.
 * A write that completes inside {@link Transport#write} is continued by the loop that
 * started it, without recursion.
 */
final class OutboundQueue implements Outbound {

	private static final Log logger = LogFactory.getLog(OutboundQueue.class);

	private final String socketId;

	private final Transport transport;

	private final OutboundLimits limits;

	private final long sendTimeLimitNanos;

	private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicInteger work = new AtomicInteger();

	private final AtomicBoolean closing = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile boolean writing;

	// writes started, by the drain only; and writes completed
	private long writes;

	private final AtomicLong completedWrites = new AtomicLong();

	private volatile @Nullable PusherError closeAfterFlush;

	private volatile long writeStartedAt;

	OutboundQueue(String socketId, Transport transport, OutboundLimits limits) {
		this.socketId = socketId;
		this.transport = transport;
		this.limits = limits;
		this.sendTimeLimitNanos = limits.sendTimeLimit().toNanos();
	}

	@Override
	public boolean offer(Frame frame) {
		if (this.closing.get() || this.closed.get()) {
			return false;
		}
		long queued = this.queuedBytes.addAndGet(frame.size());
		if (queued > this.limits.bufferSizeLimit() && queued != frame.size()) {
			this.queuedBytes.addAndGet(-frame.size());
			abort(PusherError.OVER_CAPACITY, "outbound buffer over " + this.limits.bufferSizeLimit() + " bytes");
			return false;
		}
		this.queue.add(frame);
		if (this.closed.get()) {
			// closed meanwhile: its close may have cleared the queue before this frame
			this.queue.clear();
			this.queuedBytes.set(0);
			return false;
		}
		schedule();
		return true;
	}

	@Override
	public void close(PusherError error, @Nullable String detail) {
		Outbound.requireCloseCode(error);
		if (this.closed.get() || !this.closing.compareAndSet(false, true)) {
			return;
		}
		Frame frame = Frames.error(error, detail);
		this.queuedBytes.addAndGet(frame.size());
		this.queue.add(frame);
		// set after the error frame is queued: a drain that sees it with an empty queue
		// has written the frame
		this.closeAfterFlush = error;
		schedule();
	}

	@Override
	public void abort(PusherError error, String why) {
		Outbound.requireCloseCode(error);
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.queue.clear();
		this.queuedBytes.set(0);
		Outbound.abort(this.socketId, this.transport, error, why);
	}

	@Override
	public void markClosed() {
		this.closed.set(true);
		this.queue.clear();
		this.queuedBytes.set(0);
	}

	@Override
	public boolean isClosed() {
		return this.closed.get() || !this.transport.isOpen();
	}

	@Override
	public boolean isStalled(long now) {
		long started = this.writeStartedAt;
		return started != 0 && now - started > this.sendTimeLimitNanos;
	}

	@Override
	public long queuedBytes() {
		return this.queuedBytes.get();
	}

	private void schedule() {
		if (this.work.getAndIncrement() == 0) {
			try {
				this.limits.drainers().execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				// shutting down: nothing will be written any more, and the counter stays
				// raised so no drain starts
			}
		}
	}

	// Runs on a drainer thread, one drain at a time per connection (see the class
	// comment).
	private void drain() {
		int missed = 1;
		do {
			while (!this.writing) {
				if (this.closed.get()) {
					this.queue.clear();
					break;
				}
				Frame frame = this.queue.poll();
				if (frame == null) {
					closeIfAsked();
					break;
				}
				this.writing = true;
				this.writeStartedAt = System.nanoTime();
				long write = ++this.writes;
				try {
					this.transport.write(frame, (failure) -> written(write, frame, failure));
				}
				catch (RuntimeException ex) {
					written(write, frame, ex);
				}
			}
			missed = this.work.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void written(long write, Frame frame, @Nullable Throwable failure) {
		// a transport closing the socket may report a write twice; only the first counts,
		// or a second write would start while one is in flight
		if (!this.completedWrites.compareAndSet(write - 1, write)) {
			return;
		}
		this.writeStartedAt = 0;
		if (failure != null) {
			abort(PusherError.OVER_CAPACITY, "write failed: " + failure);
		}
		else if (!this.closed.get()) {
			this.limits.observer().written(frame, this.queuedBytes.getAndAdd(-frame.size()));
		}
		this.writing = false;
		// continue on the completing thread: a transport completes on its own worker
		// threads, where starting the next asynchronous write is what it does itself
		if (this.work.getAndIncrement() == 0) {
			drain();
		}
	}

	private void closeIfAsked() {
		PusherError error = this.closeAfterFlush;
		if (error != null && this.closed.compareAndSet(false, true)) {
			try {
				this.transport.close(error.code(), error.reason());
			}
			catch (RuntimeException ex) {
				logger.trace("Failed to close connection " + this.socketId, ex);
			}
		}
	}

}
