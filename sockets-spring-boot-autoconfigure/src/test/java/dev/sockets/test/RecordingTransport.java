package dev.sockets.test;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sockets.connection.Transport;
import dev.sockets.protocol.Frame;
import org.jspecify.annotations.Nullable;

/**
 * A hand-written transport that records what is written and can hold writes back, like a
 * socket whose client stopped reading: a held write completes only when released, on the
 * releasing thread, as a container's poller would complete it later.
 */
public final class RecordingTransport implements Transport {

	public final BlockingQueue<String> written = new LinkedBlockingQueue<>();

	public final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();

	public final AtomicInteger aborts = new AtomicInteger();

	public final AtomicInteger writesInFlight = new AtomicInteger();

	public final AtomicInteger mostWritesInFlight = new AtomicInteger();

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private final BlockingQueue<Runnable> held = new LinkedBlockingQueue<>();

	private volatile boolean holding;

	private volatile boolean open = true;

	public void holdWrites() {
		this.holding = true;
	}

	public void releaseWrites() {
		this.holding = false;
		Runnable next;
		while ((next = this.held.poll()) != null) {
			next.run();
		}
	}

	@Override
	public void write(Frame frame, WriteCompletion completion) {
		int inFlight = this.writesInFlight.incrementAndGet();
		this.mostWritesInFlight.accumulateAndGet(inFlight, Math::max);
		Runnable complete = () -> {
			this.writesInFlight.decrementAndGet();
			if (!this.open) {
				completion.written(new java.io.IOException("closed"));
				return;
			}
			this.written.add(frame.text());
			completion.written(null);
		};
		if (this.holding) {
			this.held.add(complete);
		}
		else {
			complete.run();
		}
	}

	@Override
	public void close(int code, String reason) {
		this.open = false;
		this.closes.add(code);
	}

	@Override
	public void abort(int code, String reason) {
		this.aborts.incrementAndGet();
		close(code, reason);
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public @Nullable Principal principal() {
		return null;
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress() {
		return null;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

}
