package dev.sockets.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.sockets.connection.Connection;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.connection.ThreadPools;
import dev.sockets.protocol.PusherError;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Internal: once a second, pings connections silent for the activity timeout, closes
 * those that stay silent for the pong timeout with 4201 (pusher-js reconnects at once),
 * and closes connections whose write has stalled past the send time limit with 4100. On
 * shutdown, drains the node: asks every client to reconnect (4200), most likely to
 * another node, spread over the drain period.
 */
public final class Liveness implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(Liveness.class);

	/** How long shutdown waits for the clients' sockets to close once all were asked. */
	private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	private static final long DRAIN_TICK_MILLIS = 100;

	private final ConnectionRegistry connections;

	private final long activityTimeoutNanos;

	private final long pongTimeoutNanos;

	private final Duration drainPeriod;

	// the sweeps' thread, then the drain's; replaced as a whole at each start
	private final AtomicReference<@Nullable ScheduledExecutorService> scheduler = new AtomicReference<>();

	private volatile @Nullable ScheduledFuture<?> sweeps;

	private volatile boolean draining;

	/**
	 * Creates the monitor.
	 * @param connections the open connections
	 * @param settings the timeouts
	 * @param drainPeriod over how long the clients are asked to reconnect at shutdown
	 */
	public Liveness(ConnectionRegistry connections, EndpointSettings settings, Duration drainPeriod) {
		this.connections = connections;
		this.drainPeriod = drainPeriod;
		this.activityTimeoutNanos = settings.activityTimeout().toNanos();
		this.pongTimeoutNanos = settings.pongTimeout().toNanos();
	}

	// also after a stop: Spring's test context cache pauses contexts it does not use and
	// starts them again
	@Override
	public void start() {
		ScheduledExecutorService scheduler = ThreadPools.scheduler("liveness");
		ScheduledExecutorService previous = this.scheduler.getAndSet(scheduler);
		if (previous != null) {
			// a drain that outlived its stop phase ends here
			previous.shutdownNow();
		}
		this.draining = false;
		this.sweeps = scheduler.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
	}

	/**
	 * Whether the node is draining for shutdown: its clients were told to reconnect
	 * elsewhere.
	 * @return {@code true} once stopping began
	 */
	public boolean isDraining() {
		return this.draining;
	}

	@Override
	public void stop() {
		CountDownLatch stopped = new CountDownLatch(1);
		stop(stopped::countDown);
		try {
			stopped.await(this.drainPeriod.plus(CLOSE_WAIT).toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Drains the node: reports draining at once (the health indicator goes
	 * OUT_OF_SERVICE, new connections are refused), asks the clients to reconnect (4200)
	 * spread over the drain period, so they reach the other nodes in small groups rather
	 * than one burst, and reports stopped once their sockets have closed, or a few
	 * seconds after the last was asked: the web server stops after this, and a socket it
	 * cuts would reach the client as 1006 instead of 4200.
	 */
	@Override
	public void stop(Runnable callback) {
		this.draining = true;
		ScheduledExecutorService scheduler = this.scheduler.get();
		ScheduledFuture<?> sweeps = this.sweeps;
		if (scheduler == null || sweeps == null) {
			callback.run();
			return;
		}
		sweeps.cancel(false);
		// a connection registered after this list was taken sees the node draining and
		// closes itself
		Iterator<Connection> remaining = new ArrayList<>(this.connections.all()).iterator();
		long ticks = Math.max(1, this.drainPeriod.toMillis() / DRAIN_TICK_MILLIS);
		int perTick = (int) Math.max(1, (this.connections.size() + ticks - 1) / ticks);
		long[] deadline = { 0 };
		Runnable finish = () -> {
			this.scheduler.compareAndSet(scheduler, null);
			scheduler.shutdown();
			callback.run();
		};
		scheduler.scheduleWithFixedDelay(() -> {
			try {
				for (int i = 0; i < perTick && remaining.hasNext(); i++) {
					remaining.next().close(PusherError.RECONNECT, "Server is shutting down; please reconnect");
				}
				if (remaining.hasNext()) {
					return;
				}
				if (deadline[0] == 0) {
					deadline[0] = System.nanoTime() + CLOSE_WAIT.toNanos();
				}
				if (this.connections.size() == 0 || System.nanoTime() - deadline[0] > 0) {
					finish.run();
				}
			}
			catch (RuntimeException ex) {
				// a periodic task that throws is never run again: the stop must still end
				logger.warn("Draining the connections failed; stopping without waiting for the rest", ex);
				finish.run();
			}
		}, 0, DRAIN_TICK_MILLIS, TimeUnit.MILLISECONDS);
	}

	@Override
	public boolean isRunning() {
		return this.scheduler.get() != null;
	}

	/**
	 * Checks every connection once.
	 */
	void sweep() {
		long now = System.nanoTime();
		for (Connection connection : this.connections.all()) {
			try {
				check(connection, now);
			}
			catch (RuntimeException ex) {
				// one connection's failure must not end the sweeps, which would stop
				// liveness for the whole node
				logger.warn("Liveness check failed for " + connection, ex);
			}
		}
	}

	private void check(Connection connection, long now) {
		if (connection.isStalled(now)) {
			connection.abort(PusherError.OVER_CAPACITY, "a write stalled past the send time limit");
		}
		else if (connection.pingSentAt() != 0) {
			if (now - connection.pingSentAt() > this.pongTimeoutNanos) {
				connection.close(PusherError.PONG_TIMEOUT, null);
			}
		}
		else if (now - connection.lastSeenAt() > this.activityTimeoutNanos) {
			connection.ping(now);
		}
	}

}
