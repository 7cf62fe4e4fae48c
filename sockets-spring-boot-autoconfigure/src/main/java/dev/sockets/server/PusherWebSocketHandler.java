package dev.sockets.server;

import dev.sockets.channel.ChannelAuthorization;
import dev.sockets.channel.ClientEventHandlers;
import dev.sockets.connection.Connection;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.connection.SocketIds;
import dev.sockets.protocol.ChannelAuth;
import dev.sockets.protocol.ClientMessage;
import dev.sockets.protocol.Frames;
import dev.sockets.protocol.MalformedMessageException;
import dev.sockets.protocol.PusherError;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * Internal: the Pusher protocol endpoint. Accepts the upgrade, refuses a bad app key or
 * protocol with {@code pusher:error} and a close, answers everything else per message. A
 * bad message gets an error on its own connection and never affects any other.
 */
public final class PusherWebSocketHandler extends AbstractWebSocketHandler {

	private static final Log logger = LogFactory.getLog(PusherWebSocketHandler.class);

	private static final String CONNECTION = "dev.sockets.connection";

	private static final String ASSEMBLER = "dev.sockets.assembler";

	// Container buffer per connection, in chars: large enough for nearly every Pusher
	// message in one part, small
	// enough that idle connections stay cheap. Longer messages arrive in parts.
	private static final int TEXT_PART_SIZE = 2048;

	private static final int BINARY_PART_SIZE = 256;

	private final EndpointSettings settings;

	private final ConnectionRegistry connections;

	private final ChannelMembership membership;

	private final ApplicationEventPublisher events;

	private final SocketIds socketIds;

	private final JsonMapper jsonMapper;

	private final ClientMessageRouter router;

	private final ChannelAuthorization authorization;

	private final ConnectionStats stats = new ConnectionStats();

	/**
	 * Creates the handler.
	 * @param settings app key and limits
	 * @param connections the registry of open connections
	 * @param membership joins and leaves channels
	 * @param socketIds the socket id generator
	 * @param jsonMapper parses client messages
	 * @param channelAuth verifies private channel signatures
	 * @param authorization the authorizer pipeline
	 * @param events publishes connection events
	 * @param handlers the application's client event handlers
	 */
	public PusherWebSocketHandler(EndpointSettings settings, ConnectionRegistry connections,
			ChannelMembership membership, SocketIds socketIds, JsonMapper jsonMapper, ChannelAuth channelAuth,
			ChannelAuthorization authorization, ApplicationEventPublisher events, ClientEventHandlers handlers) {
		this.settings = settings;
		this.connections = connections;
		this.membership = membership;
		this.events = events;
		this.socketIds = socketIds;
		this.jsonMapper = jsonMapper;
		this.authorization = authorization;
		ClientEvents clientEvents = new ClientEvents(membership, jsonMapper, settings.clientEventsEnabled(),
				settings.clientEventsPerSecond(), handlers);
		this.router = new ClientMessageRouter(membership, channelAuth, authorization, settings, jsonMapper,
				clientEvents, new SignIn(channelAuth, jsonMapper, membership));
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		// large enough for nearly every Pusher message in one part, small enough that
		// connections stay cheap
		session.setTextMessageSizeLimit(ContainerBufferDefaults.TEXT_BUFFER);
		session.setBinaryMessageSizeLimit(ContainerBufferDefaults.BINARY_BUFFER);
		session.getAttributes().put(ASSEMBLER, new MessageAssembler(this.settings.maxMessageSize()));
		Connection connection = Connection.of(this.socketIds.next(), session, this.settings.outbound());
		session.getAttributes().put(CONNECTION, connection);
		ConnectionAttempt.Refusal refusal = ConnectionAttempt.check(session.getUri(), this.settings.appKey());
		if (refusal != null) {
			this.stats.refused((refusal.error() == PusherError.APP_NOT_FOUND) ? "app_key" : "protocol");
			connection.close(refusal.error(), refusal.message());
			return;
		}
		this.stats.opened();
		this.connections.add(connection);
		this.membership.opened(connection);
		connection
			.send(Frames.connectionEstablished(connection.socketId(), this.settings.activityTimeout().toSeconds()));
		this.events.publishEvent(new ConnectionOpenedEvent(this, connection.socketId(), connection.principal()));
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		Connection connection = connection(session);
		if (connection == null || this.connections.get(connection.socketId()) == null) {
			return;
		}
		connection.markSeen();
		this.stats.received();
		try {
			String text = ((MessageAssembler) session.getAttributes().get(ASSEMBLER)).append(message.getPayload(),
					message.isLast());
			if (text != null) {
				this.router.route(connection, ClientMessage.parse(text, this.jsonMapper));
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
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		Connection connection = connection(session);
		if (connection != null && message.isLast()) {
			connection.markSeen();
			connection.send(Frames.error((Integer) null, "Binary frames are not supported; send JSON as text frames"));
		}
	}

	/**
	 * What this endpoint counted since startup.
	 * @return the counters
	 */
	public ConnectionStats stats() {
		return this.stats;
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		logger.debug("Transport error on WebSocket " + session.getId(), exception);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		Connection connection = connection(session);
		if (connection == null) {
			return;
		}
		connection.markClosed();
		if (this.connections.remove(connection.socketId()) != null) {
			this.stats.closed(status.getCode());
			this.membership.leaveAll(connection);
			this.authorization.forget(connection.socketId());
			this.events.publishEvent(
					new ConnectionClosedEvent(this, connection.socketId(), connection.principal(), status.getCode()));
		}
	}

	private static @Nullable Connection connection(WebSocketSession session) {
		return (Connection) session.getAttributes().get(CONNECTION);
	}

}
