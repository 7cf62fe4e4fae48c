package dev.sockets.benchmarks.load;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * One client connection's state, driven by its {@link ClientLoop}: the bytes read so far,
 * what the handshake and subscription have reached, and how many benchmark events
 * arrived.
 */
final class BenchClient {

	static final String EVENT = "bench";

	final CompletableFuture<Void> established = new CompletableFuture<>();

	final CompletableFuture<Void> subscribed = new CompletableFuture<>();

	final CompletableFuture<Integer> closed = new CompletableFuture<>();

	final boolean reading;

	final Protocol protocol;

	final String channel;

	final ClientLoop loop;

	@Nullable SocketChannel socket;

	@Nullable SelectionKey key;

	ByteBuffer in = ByteBuffer.allocate(1024);

	@Nullable ByteBuffer pendingWrite;

	boolean upgraded;

	private volatile long received;

	BenchClient(ClientLoop loop, String channel, boolean reading, Protocol protocol) {
		this.loop = loop;
		this.channel = channel;
		this.reading = reading;
		this.protocol = protocol;
	}

	long received() {
		return this.received;
	}

	// only the loop thread writes it
	@SuppressWarnings("NonAtomicOperationOnVolatileField")
	void countReceived() {
		this.received++;
	}

	void close() {
		this.loop.execute(() -> this.loop.close(this, true));
	}

	void abort() {
		this.loop.execute(() -> this.loop.close(this, false));
	}

	static long nowMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
	}

}
