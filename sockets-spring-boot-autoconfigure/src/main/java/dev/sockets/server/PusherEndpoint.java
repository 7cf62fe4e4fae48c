package dev.sockets.server;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.sockets.channel.ChannelAuthorization;
import dev.sockets.channel.ClientEventHandlers;
import dev.sockets.connection.Connection;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.connection.MessageRate;
import dev.sockets.connection.SocketIds;
import dev.sockets.connection.Transport;
import dev.sockets.protocol.ChannelAuth;
import dev.sockets.protocol.ClientMessage;
import dev.sockets.protocol.Frames;
import dev.sockets.protocol.MalformedMessageException;
import dev.sockets.protocol.PusherError;
import dev.sockets.presence.ChannelMembership;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Internal: the Pusher protocol endpoint, whatever transport carries its sockets. A
 * transport reports a socket opened, its text messages (whole or in parts) and its close;
 * the endpoint refuses a bad app key or protocol with {@code pusher:error} and a close,
 * and answers everything else per message. A bad message gets an error on its own
 * connection and never affects any other.
 */
public final class PusherEndpoint {

	private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

	private static final Log logger = LogFactory.getLog(PusherEndpoint.class);

	private static final String ASSEMBLER = "dev.sockets.assembler";

	private static final String RATE = "dev.sockets.rate";

	/**
	 * The transport attribute that holds a socket's connection, set before anything can
	 * close it, so a transport always finds the connection its close belongs to.
	 */
	public static final String CONNECTION = "dev.sockets.connection";

	// parts of messages, each at most a few kilobytes
	private static final int MAX_WAITING_MESSAGES = 1000;

	private final EndpointSettings settings;

	private final ConnectionRegistry connections;

	private final ChannelMembership membership;

	private final ApplicationEventPublisher events;

	private final SocketIds socketIds;

	private final JsonMapper jsonMapper;

	private final ClientMessageRouter router;

	private final ChannelAuthorization authorization;

	private final ConnectionStats stats = new ConnectionStats();

	private final AtomicInteger admitted = new AtomicInteger();

	private final BooleanSupplier draining;

	/**
	 * Creates the endpoint.
	 * @param settings app key and limits
	 * @param connections the registry of open connections
	 * @param membership joins and leaves channels
	 * @param socketIds the socket id generator
	 * @param jsonMapper parses client messages
	 * @param channelAuth verifies private channel signatures
	 * @param authorization the authorizer pipeline
	 * @param events publishes connection events
	 * @param handlers the application's client event handlers
	 * @param draining whether the node drains for shutdown, refusing new connections
	 */
	public PusherEndpoint(EndpointSettings settings, ConnectionRegistry connections, ChannelMembership membership,
			SocketIds socketIds, JsonMapper jsonMapper, ChannelAuth channelAuth, ChannelAuthorization authorization,
			ApplicationEventPublisher events, ClientEventHandlers handlers, BooleanSupplier draining) {
		this.settings = settings;
		this.draining = draining;
		this.connections = connections;
		this.membership = membership;
		this.events = events;
		this.socketIds = socketIds;
		this.jsonMapper = jsonMapper;
		this.authorization = authorization;
		ClientEvents clientEvents = new ClientEvents(membership, jsonMapper, settings.namespaces(), handlers);
		this.router = new ClientMessageRouter(membership, channelAuth, authorization, settings, jsonMapper,
				clientEvents, new SignIn(channelAuth, jsonMapper, membership));
	}

	/**
	 * A socket opened: checks the app key and protocol of its URI and greets it with
	 * {@code pusher:connection_established}, or refuses it.
	 * @param transport the socket
	 * @param uri the URI it connected to
	 * @return the connection, to be passed back with each message and at the close
	 */
	public Connection opened(Transport transport, @Nullable URI uri) {
		transport.attributes().put(ASSEMBLER, new MessageAssembler(this.settings.maxMessageSize()));
		Connection connection = Connection.of(this.socketIds.next(), transport, this.settings.outbound());
		transport.attributes().put(CONNECTION, connection);
		ConnectionAttempt.Refusal refusal = ConnectionAttempt.check(uri, this.settings.appKey());
		if (refusal != null) {
			this.stats.refused((refusal.error() == PusherError.APP_NOT_FOUND) ? "app_key" : "protocol");
			connection.close(refusal.error(), refusal.message());
			return connection;
		}
		if (this.draining.getAsBoolean()) {
			// after a back-off, as the balancer may still send it here for a moment
			this.stats.refused("draining");
			connection.close(PusherError.OVER_CAPACITY, "This node is shutting down; reconnect to another");
			return connection;
		}
		// before any authorization work: a full node costs nothing more
		AdmissionSettings admission = this.settings.admission();
		if (!admit(admission.maxConnections())) {
			this.stats.refused("max_connections");
			connection.close(PusherError.OVER_QUOTA,
					"This node holds the most connections it may (" + admission.maxConnections() + ")");
			return connection;
		}
		transport.attributes()
			.put(RATE, new MessageRate(admission.messageRate(), admission.messageBurst(),
					admission.maxRefusedMessages(), System.nanoTime()));
		this.stats.opened();
		this.connections.add(connection);
		if (!transport.isOpen()) {
			// closed before it was registered: its close found nothing to release
			closed(connection, 1006);
			return connection;
		}
		if (this.draining.getAsBoolean()) {
			// the drain began meanwhile, and may have listed the connections without it
			connection.close(PusherError.RECONNECT, "Server is shutting down; please reconnect");
			return connection;
		}
		// on the lane, before any of its messages: recording a user asks the store
		connection.lane().executeAsync(() -> {
			if (connection.isClosed()) {
				return DONE;
			}
			return admitUser(connection).thenCompose((admittedUser) -> {
				if (!admittedUser) {
					return DONE;
				}
				return this.membership.opened(connection).thenRun(() -> {
					connection.send(Frames.connectionEstablished(connection.socketId(),
							this.settings.activityTimeout().toSeconds()));
					this.events
						.publishEvent(new ConnectionOpenedEvent(this, connection.socketId(), connection.principal()));
				});
			});
		});
		return connection;
	}

	private boolean admit(int max) {
		int current;
		do {
			current = this.admitted.get();
			if (current >= max) {
				return false;
			}
		}
		while (!this.admitted.compareAndSet(current, current + 1));
		return true;
	}

	// counted across the cluster with a shared store; checked as the connection opens,
	// so connections of one user opening at the same instant may pass it by a few. A
	// store that cannot answer does not keep a user out.
	private CompletableFuture<Boolean> admitUser(Connection connection) {
		int max = this.settings.admission().maxConnectionsPerUser();
		String userId = connection.userId();
		if (max == Integer.MAX_VALUE || userId == null) {
			return CompletableFuture.completedFuture(true);
		}
		return this.membership.connectionCount(connection, userId).handle((count, failure) -> {
			if (failure != null || count < max) {
				return true;
			}
			this.stats.refused("max_connections_per_user");
			connection.close(PusherError.OVER_QUOTA, "This user holds the most connections allowed (" + max + ")");
			return false;
		});
	}

	/**
	 * A text message, or a part of one, arrived.
	 * @param connection the connection
	 * @param part the text
	 * @param last whether it ends the message
	 */
	public void received(Connection connection, String part, boolean last) {
		connection.markSeen();
		if (last) {
			this.stats.received();
		}
		// a client sending faster than its messages are handled is told to back off, not
		// queued without bound
		if (!connection.lane().offerAsync(() -> handle(connection, part, last), MAX_WAITING_MESSAGES)) {
			connection.close(PusherError.OVER_CAPACITY,
					"More than " + MAX_WAITING_MESSAGES + " messages waiting to be handled");
		}
	}

	// on the connection's lane, in the order the parts arrived
	private CompletableFuture<Void> handle(Connection connection, String part, boolean last) {
		if (this.connections.get(connection.socketId()) == null) {
			return DONE;
		}
		try {
			MessageAssembler assembler = (MessageAssembler) connection.transport().attributes().get(ASSEMBLER);
			String text = (assembler != null) ? assembler.append(part, last) : part;
			if (text != null && allowed(connection)) {
				return this.router.route(connection, ClientMessage.parse(text, this.jsonMapper));
			}
		}
		catch (MessageAssembler.MessageTooLargeException ex) {
			connection.send(Frames.error(PusherError.CLIENT_EVENT_REJECTED, ex.getMessage()));
		}
		catch (MalformedMessageException ex) {
			connection.send(Frames.error((Integer) null, ex.getMessage()));
		}
		catch (RuntimeException ex) {
			logger.error("Failed to handle a message on connection " + connection.socketId(), ex);
			connection.send(Frames.error((Integer) null, "Internal error while handling the message"));
		}
		return DONE;
	}

	/**
	 * A binary message arrived, which the protocol does not use.
	 * @param connection the connection
	 */
	public void receivedBinary(Connection connection) {
		connection.markSeen();
		connection.lane()
			.execute(() -> connection
				.send(Frames.error((Integer) null, "Binary frames are not supported; send JSON as text frames")));
	}

	// every message counts, pings included: beyond the rate it is dropped and the client
	// told; a client that goes on regardless is closed
	private boolean allowed(Connection connection) {
		MessageRate rate = (MessageRate) connection.transport().attributes().get(RATE);
		MessageRate.Verdict verdict = (rate != null) ? rate.take(System.nanoTime()) : MessageRate.Verdict.ALLOWED;
		if (verdict == MessageRate.Verdict.REFUSED) {
			this.stats.refusedMessage("rate");
			connection.send(Frames.error(PusherError.CLIENT_EVENT_REJECTED, "Too many messages: at most "
					+ this.settings.admission().messageRate() + " a second on average; this one was dropped"));
		}
		else if (verdict == MessageRate.Verdict.ABUSIVE) {
			this.stats.refusedMessage("abuse");
			connection.close(PusherError.OVER_CAPACITY, "Too many messages over the rate limit");
		}
		return verdict == MessageRate.Verdict.ALLOWED;
	}

	/**
	 * The socket closed, from either side.
	 * @param connection the connection
	 * @param code the close code
	 */
	public void closed(Connection connection, int code) {
		connection.markClosed();
		if (this.connections.remove(connection.socketId()) != null) {
			this.admitted.decrementAndGet();
			this.stats.closed(code);
			// after whatever the lane still has to do, which may subscribe it somewhere
			connection.lane().executeAsync(() -> this.membership.leaveAll(connection).thenRun(() -> {
				this.authorization.forget(connection.socketId());
				this.events
					.publishEvent(new ConnectionClosedEvent(this, connection.socketId(), connection.principal(), code));
			}));
		}
	}

	/**
	 * What this endpoint counted since startup.
	 * @return the counters
	 */
	public ConnectionStats stats() {
		return this.stats;
	}

}
