package dev.sockets.benchmarks.jmh;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.sockets.connection.Transport;
import dev.sockets.protocol.Frame;
import org.jspecify.annotations.Nullable;

/**
 * A transport that completes every write at once and keeps nothing, so a benchmark
 * measures the server's own work.
 */
final class NoOpTransport implements Transport {

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	@Override
	public void write(Frame frame, WriteCompletion completion) {
		completion.written(null);
	}

	@Override
	public void close(int code, String reason) {
	}

	@Override
	public void abort(int code, String reason) {
	}

	@Override
	public boolean isOpen() {
		return true;
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
