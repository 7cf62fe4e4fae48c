package dev.sockets.redis;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.sockets.connection.ThreadPools;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Opens Spring Data's shared reactive Redis connection on a thread of its own. The
 * factory opens it lazily, with a connect that waits, on whichever thread asks first:
 * that must not be a connection's lane or an event loop. Until it is open, the
 * non-blocking paths treat Redis as unreachable.
 */
final class ReactiveConnectionOpener {

	private static final Log logger = LogFactory.getLog(ReactiveConnectionOpener.class);

	private final ReactiveRedisConnectionFactory factory;

	private final AtomicBoolean opening = new AtomicBoolean();

	private volatile boolean open;

	/**
	 * Opens the connection now, on the starting thread, if Redis answers; otherwise the
	 * first use starts opening it in the background.
	 * @param factory the application's connection factory
	 */
	ReactiveConnectionOpener(ReactiveRedisConnectionFactory factory) {
		this.factory = factory;
		open();
	}

	/**
	 * Whether the shared connection is open; if not, starts opening it.
	 * @return {@code true} once it is open
	 */
	boolean isOpen() {
		if (!this.open) {
			openInBackground();
		}
		return this.open;
	}

	private void openInBackground() {
		if (!this.opening.compareAndSet(false, true)) {
			return;
		}
		ThreadPools.factory("redis-connect").newThread(() -> {
			try {
				open();
			}
			finally {
				this.opening.set(false);
			}
		}).start();
	}

	private void open() {
		try {
			// closing the handle leaves the shared connection open
			this.factory.getReactiveConnection().close();
			this.open = true;
		}
		catch (RuntimeException ex) {
			logger.debug("Could not open the shared reactive Redis connection yet", ex);
		}
	}

}
