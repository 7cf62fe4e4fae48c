package dev.sockets.transport.netty;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.sockets.connection.WriteObserver;
import dev.sockets.protocol.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.internal.PlatformDependent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Writes the frames of every connection of one event loop, in one task per batch rather
 * than one per frame. A frame going to many connections is encoded once per batch into a
 * complete WebSocket frame in a pooled direct buffer, and each connection is written a
 * retained duplicate of it: no copy and no encoding per subscriber. Each connection is
 * flushed once per batch, after all its frames.
 * <p>
 * Any thread may enqueue; a batch runs on the event loop. The queue is multi-producer,
 * single-consumer, and the {@code scheduled} flag is cleared before the queue is read, so
 * a frame enqueued at any moment is either in this batch or schedules the next.
 */
final class EventLoopWriter implements Runnable {

	private static final Log logger = LogFactory.getLog(EventLoopWriter.class);

	// a long burst yields the event loop to its sockets every so many writes
	private static final int MAX_WRITES_PER_BATCH = 8192;

	// recent frames' encodings, reused within a batch: broadcasts from a few threads
	// interleave
	private static final int ENCODED_FRAMES = 8;

	private static final byte TEXT_FINAL = (byte) 0x81;

	private final EventLoop loop;

	private final ByteBufAllocator allocator;

	private final WriteObserver observer;

	private final Queue<Pending> queue = PlatformDependent.newMpscQueue();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final List<NettyTransport> toFlush = new ArrayList<>();

	private final @Nullable Frame[] frames = new Frame[ENCODED_FRAMES];

	private final @Nullable ByteBuf[] encoded = new ByteBuf[ENCODED_FRAMES];

	private int nextSlot;

	EventLoopWriter(EventLoop loop, ByteBufAllocator allocator, WriteObserver observer) {
		this.loop = loop;
		this.allocator = allocator;
		this.observer = observer;
	}

	void enqueue(NettyTransport transport, Frame frame) {
		this.queue.offer(new Pending(transport, frame, 0, null));
		schedule();
	}

	void enqueueClose(NettyTransport transport, int code, String reason) {
		this.queue.offer(new Pending(transport, null, code, reason));
		schedule();
	}

	private void schedule() {
		if (this.scheduled.compareAndSet(false, true)) {
			try {
				this.loop.execute(this);
			}
			catch (RejectedExecutionException ex) {
				// the server is stopping and its sockets with it: nothing will be written
				this.queue.clear();
				this.scheduled.set(false);
			}
		}
	}

	@Override
	public void run() {
		this.scheduled.set(false);
		try {
			Pending pending;
			int writes = 0;
			while (writes++ < MAX_WRITES_PER_BATCH && (pending = this.queue.poll()) != null) {
				try {
					write(pending);
				}
				catch (RuntimeException ex) {
					// one connection's failure must not hold up the others
					logger.debug("Failed to write to " + pending.transport().channel(), ex);
				}
			}
		}
		finally {
			flushAll();
			releaseEncoded();
			if (!this.queue.isEmpty()) {
				schedule();
			}
		}
	}

	private void write(Pending pending) {
		NettyTransport transport = pending.transport();
		Channel channel = transport.channel();
		if (!channel.isActive() || transport.isCloseSent()) {
			return;
		}
		Frame frame = pending.frame();
		if (frame == null) {
			// what is queued goes first: it is in the channel's buffer already
			transport.closeNow(pending.code(), (pending.reason() != null) ? pending.reason() : "");
			return;
		}
		channel.write(encoded(frame).retainedDuplicate(), channel.voidPromise());
		this.observer.written(frame, transport.queuedBytes());
		if (!transport.flushPending) {
			transport.flushPending = true;
			this.toFlush.add(transport);
		}
	}

	private void flushAll() {
		for (NettyTransport transport : this.toFlush) {
			transport.flushPending = false;
			Channel channel = transport.channel();
			try {
				channel.flush();
				if (!channel.isWritable() && channel.isActive()) {
					transport.overflowed();
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Failed to flush " + channel, ex);
			}
		}
		this.toFlush.clear();
	}

	private ByteBuf encoded(Frame frame) {
		for (int i = 0; i < ENCODED_FRAMES; i++) {
			if (this.frames[i] == frame) {
				return this.encoded[i];
			}
		}
		int slot = this.nextSlot;
		this.nextSlot = (slot + 1) % ENCODED_FRAMES;
		ByteBuf old = this.encoded[slot];
		if (old != null) {
			old.release();
		}
		ByteBuf buffer = encode(frame);
		this.frames[slot] = frame;
		this.encoded[slot] = buffer;
		return buffer;
	}

	// a server frame: FIN + text, the payload length, no mask, the UTF-8 payload
	private ByteBuf encode(Frame frame) {
		int length = frame.size();
		ByteBuf buffer = header(length);
		int written = ByteBufUtil.writeUtf8(buffer, frame.text());
		if (written == length) {
			return buffer;
		}
		// a lone surrogate, which the estimate counts differently: encode exactly
		buffer.release();
		byte[] bytes = frame.text().getBytes(StandardCharsets.UTF_8);
		return header(bytes.length).writeBytes(bytes);
	}

	private ByteBuf header(int length) {
		int header = (length < 126) ? 2 : (length < 65536) ? 4 : 10;
		ByteBuf buffer = this.allocator.directBuffer(header + length);
		buffer.writeByte(TEXT_FINAL);
		if (length < 126) {
			buffer.writeByte(length);
		}
		else if (length < 65536) {
			buffer.writeByte(126);
			buffer.writeShort(length);
		}
		else {
			buffer.writeByte(127);
			buffer.writeLong(length);
		}
		return buffer;
	}

	private void releaseEncoded() {
		for (int i = 0; i < ENCODED_FRAMES; i++) {
			ByteBuf buffer = this.encoded[i];
			if (buffer != null) {
				buffer.release();
				this.encoded[i] = null;
				this.frames[i] = null;
			}
		}
	}

	private record Pending(NettyTransport transport, @Nullable Frame frame, int code, @Nullable String reason) {

	}

}
