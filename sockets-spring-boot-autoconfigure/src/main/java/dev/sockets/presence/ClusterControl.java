package dev.sockets.presence;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import dev.sockets.broker.Broker;
import dev.sockets.broker.Publication;
import dev.sockets.connection.ThreadPools;
import dev.sockets.protocol.ChannelName;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;

/**
 * Internal: commands every node must carry out on its own connections (disconnect a user,
 * remove a user from a channel, close a channel), sent through the broker on a reserved
 * channel that clients cannot subscribe to. The sending node carries out a command itself
 * before sending it and skips it when it comes back.
 */
public final class ClusterControl implements DisposableBean {

	/** The internal channel commands travel on, which no application may publish to. */
	public static final String CHANNEL = ChannelName.INTERNAL_PREFIX + "control";

	private static final Log logger = LogFactory.getLog(ClusterControl.class);

	private final Broker broker;

	private final JsonMapper jsonMapper;

	private final long node;

	private final ExecutorService commands = ThreadPools.single("cluster-control");

	private volatile @Nullable Consumer<Command> handler;

	private final LongAdder ignored = new LongAdder();

	/**
	 * Creates the control channel.
	 * @param broker carries the commands
	 * @param jsonMapper writes and reads them
	 * @param node this node's number
	 */
	public ClusterControl(Broker broker, JsonMapper jsonMapper, long node) {
		this.broker = broker;
		this.jsonMapper = jsonMapper;
		this.node = node;
	}

	void handleWith(Consumer<Command> handler) {
		this.handler = handler;
	}

	/**
	 * Sends a command to the other nodes.
	 * @param operation what to do
	 * @param userId the user concerned, or {@code null}
	 * @param channel the channel concerned, or {@code null}
	 */
	void send(String operation, @Nullable String userId, @Nullable String channel) {
		String text = this.jsonMapper.writeValueAsString(new Command(operation, userId, channel, this.node));
		this.broker.publish(new Publication(CHANNEL, text, null)).exceptionally((refused) -> {
			logger.warn("A cluster command (" + operation + ") may not reach every node: " + refused.getMessage());
			return null;
		});
	}

	/**
	 * Carries out a command another node sent, on a thread of its own: this is called on
	 * the broker's receiving thread (Redis's client thread in a cluster), which must not
	 * wait, and a command may ask the presence store.
	 * @param text the command as it arrived
	 */
	public void receive(String text) {
		try {
			this.commands.execute(() -> carryOut(text));
		}
		catch (RejectedExecutionException ex) {
			// shutting down
		}
	}

	private void carryOut(String text) {
		Consumer<Command> handler = this.handler;
		Command command;
		try {
			command = this.jsonMapper.readValue(text, Command.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			ignore("it is not a command", ex);
			return;
		}
		String problem = command.problem();
		if (problem != null) {
			ignore(problem, null);
		}
		else if (handler != null && command.node() != this.node) {
			handler.accept(command);
		}
	}

	// a node of another version, or a bug: counted, and logged without flooding the log
	private void ignore(String why, @Nullable Exception ex) {
		this.ignored.increment();
		logger.debug("Ignored a cluster command: " + why, ex);
	}

	/**
	 * Commands received that were malformed or unknown, and ignored.
	 * @return the count since startup
	 */
	public long ignoredCount() {
		return this.ignored.sum();
	}

	@Override
	public void destroy() {
		this.commands.shutdown();
	}

	/**
	 * A command.
	 *
	 * @param operation {@code disconnect}, {@code remove} or {@code close}
	 * @param userId the user concerned, or {@code null}
	 * @param channel the channel concerned, or {@code null}
	 * @param node the sending node
	 */
	record Command(String operation, @Nullable String userId, @Nullable String channel, long node) {

		/** Disconnect a user's signed-in connections. */
		static final String DISCONNECT = "disconnect";

		/** Remove a user's connections from a channel. */
		static final String REMOVE = "remove";

		/** Unsubscribe every connection from a channel. */
		static final String CLOSE = "close";

		// what a command must carry for its operation, or null when it is complete
		@Nullable String problem() {
			boolean needsUser = DISCONNECT.equals(this.operation) || REMOVE.equals(this.operation);
			boolean needsChannel = REMOVE.equals(this.operation) || CLOSE.equals(this.operation);
			if (!needsUser && !needsChannel) {
				return "unknown operation '" + this.operation + "'";
			}
			if (needsUser && (this.userId == null || this.userId.isEmpty())) {
				return "'" + this.operation + "' needs a user id";
			}
			if (needsChannel && (this.channel == null || ChannelName.problem(this.channel) != null)) {
				return "'" + this.operation + "' needs a valid channel";
			}
			return null;
		}

	}

}
