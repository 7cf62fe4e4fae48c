package dev.sockets.connection;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.sockets.protocol.Frame;
import dev.sockets.protocol.Frames;
import dev.sockets.protocol.PusherError;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * A connection's bounded outbound queue. Any thread may offer frames and returns at once;
 * the first frame on an idle queue hands the connection to a writer thread, which drains
 * the whole queue with blocking writes, so writes to a socket never overlap and no caller
 * ever writes. Closing after a final error frame and aborting a connection that cannot
 * keep up both happen here, where the writes are; closes run on their own threads, so a
 * close can always free a writer stuck on a full socket.
 */
final class OutboundQueue {

	private static final Log logger = LogFactory.getLog(OutboundQueue.class);

	private final String socketId;

	private final WebSocketSession session;

	private final FrameWriter writer;

	private final OutboundLimits limits;

	private final long sendTimeLimitNanos;

	private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicBoolean writing = new AtomicBoolean();

	private final AtomicBoolean closing = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile @Nullable CloseStatus closeAfterFlush;

	private volatile long writeStartedAt;

	OutboundQueue(String socketId, WebSocketSession session, OutboundLimits limits) {
		this.socketId = socketId;
		this.session = session;
		this.writer = new FrameWriter(session);
		this.limits = limits;
		this.sendTimeLimitNanos = limits.sendTimeLimit().toNanos();
	}

	boolean offer(Frame frame) {
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
		kick();
		return true;
	}

	void close(PusherError error, @Nullable String detail) {
		requireCloseCode(error);
		if (this.closed.get() || !this.closing.compareAndSet(false, true)) {
			return;
		}
		Frame frame = Frames.error(error, detail);
		this.queuedBytes.addAndGet(frame.size());
		this.queue.add(frame);
		// set after the error frame is queued: a writer that sees it with an empty queue
		// has written the frame
		this.closeAfterFlush = new CloseStatus(error.code(), error.reason());
		kick();
	}

	void abort(PusherError error, String why) {
		requireCloseCode(error);
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		logger.debug("Closing connection " + this.socketId + ": " + why);
		this.queue.clear();
		this.queuedBytes.set(0);
		CloseStatus status = new CloseStatus(error.code(), error.reason());
		try {
			this.limits.closers().execute(() -> closeSession(status));
		}
		catch (RejectedExecutionException ex) {
			closeSession(status);
		}
	}

	void markClosed() {
		this.closed.set(true);
		this.queue.clear();
		this.queuedBytes.set(0);
	}

	boolean isClosed() {
		return this.closed.get() || !this.session.isOpen();
	}

	boolean isStalled(long now) {
		long started = this.writeStartedAt;
		return started != 0 && now - started > this.sendTimeLimitNanos;
	}

	long queuedBytes() {
		return this.queuedBytes.get();
	}

	private void kick() {
		if (this.writing.compareAndSet(false, true)) {
			try {
				this.limits.writers().execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				// shutting down: nothing will be written any more
				this.writing.set(false);
			}
		}
	}

	// Runs on a writer thread while this queue's `writing` flag is held.
	private void drain() {
		while (true) {
			Frame frame = this.queue.poll();
			if (frame == null) {
				if (!finishIdle()) {
					return;
				}
				continue;
			}
			if (this.closed.get()) {
				this.writing.set(false);
				return;
			}
			if (!timed(() -> this.writer.write(frame))) {
				return;
			}
			this.limits.observer().written(frame, this.queuedBytes.getAndAdd(-frame.size()));
		}
	}

	// The queue looked empty: flush what batching held back, then close if a close was
	// asked
	// for, else release `writing`. Returns true when frames arrived meanwhile and this
	// thread took `writing` back.
	private boolean finishIdle() {
		CloseStatus status = this.closeAfterFlush;
		// with a close pending, batching stops so the close frame goes straight out
		if (!timed((status != null) ? this.writer::stopBatching : this.writer::flush)) {
			return false;
		}
		if (status != null) {
			if (this.closed.compareAndSet(false, true)) {
				closeSession(status);
			}
			return false;
		}
		this.writing.set(false);
		return !this.queue.isEmpty() && this.writing.compareAndSet(false, true);
	}

	// One blocking socket operation, timed for the liveness sweep from when it starts,
	// not
	// from when the connection was queued for a writer. False when it failed; the
	// connection is then aborted and `writing` released.
	private boolean timed(SocketWrite write) {
		this.writeStartedAt = System.nanoTime();
		try {
			write.run();
			return true;
		}
		catch (Exception ex) {
			this.writing.set(false);
			abort(PusherError.OVER_CAPACITY, "write failed: " + ex);
			return false;
		}
		finally {
			this.writeStartedAt = 0;
		}
	}

	@FunctionalInterface
	private interface SocketWrite {

		void run() throws Exception;

	}

	private void closeSession(CloseStatus status) {
		try {
			this.session.close(status);
		}
		catch (Exception ex) {
			logger.trace("Failed to close connection " + this.socketId, ex);
		}
	}

	private static void requireCloseCode(PusherError error) {
		if (!error.closesConnection()) {
			throw new IllegalArgumentException(error + " (" + error.code() + ") may not be a close code");
		}
	}

}
