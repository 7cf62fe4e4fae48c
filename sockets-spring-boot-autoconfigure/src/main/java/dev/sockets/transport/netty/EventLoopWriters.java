package dev.sockets.transport.netty;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.sockets.connection.WriteObserver;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;

/**
 * The {@link EventLoopWriter} of each event loop, made on first use.
 */
final class EventLoopWriters {

	private final Map<EventLoop, EventLoopWriter> writers = new ConcurrentHashMap<>();

	private final ByteBufAllocator allocator;

	private final WriteObserver observer;

	EventLoopWriters(ByteBufAllocator allocator, WriteObserver observer) {
		this.allocator = allocator;
		this.observer = observer;
	}

	EventLoopWriter of(EventLoop loop) {
		return this.writers.computeIfAbsent(loop, (key) -> new EventLoopWriter(key, this.allocator, this.observer));
	}

}
