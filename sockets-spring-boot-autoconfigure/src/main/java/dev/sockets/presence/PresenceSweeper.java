package dev.sockets.presence;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.connection.ThreadPools;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Internal: periodically asks a shared {@link PresenceStore} to remove what stopped nodes
 * left behind, and announces the members who left with them ({@code member_removed} and
 * {@link dev.sockets.presence.MemberRemovedEvent}), so a crashed node's users do not stay
 * present forever; and brings this node's own entries up to date when the store lost them
 * or missed changes while unreachable.
 */
public final class PresenceSweeper implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(PresenceSweeper.class);

	private final NodeRecovery recovery;

	private final ChannelMembership membership;

	private final ConnectionRegistry connections;

	private final Duration interval;

	private volatile ScheduledExecutorService scheduler;

	/**
	 * Creates the sweeper.
	 * @param recovery the shared store's recovery
	 * @param membership announces departures and restores this node's entries
	 * @param connections this node's connections
	 * @param interval how often to sweep
	 */
	public PresenceSweeper(NodeRecovery recovery, ChannelMembership membership, ConnectionRegistry connections,
			Duration interval) {
		this.recovery = recovery;
		this.membership = membership;
		this.connections = connections;
		this.interval = interval;
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = ThreadPools.scheduler("presence-sweeper");
		long millis = this.interval.toMillis();
		scheduler.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
		this.scheduler = scheduler;
	}

	void sweep() {
		try {
			if (this.recovery.needsRestore()) {
				// marked restored only when it got through; otherwise the next sweep
				// retries, which is safe since recording is idempotent
				this.membership.restore(this.connections, this.recovery);
				this.recovery.restored();
			}
			this.membership.departed(this.recovery.removeDepartedNodes());
		}
		catch (RuntimeException ex) {
			logger.debug("Could not sweep departed nodes; trying again later", ex);
		}
		catch (LinkageError | AssertionError ex) {
			// a scheduled task that throws is never run again: keep sweeping
			logger.warn("Sweeping departed nodes failed; trying again later", ex);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler != null) {
			scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
