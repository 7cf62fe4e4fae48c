package dev.sockets.transport.servlet;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;

import dev.sockets.connection.Connection;
import dev.sockets.connection.ThreadPools;
import dev.sockets.server.PusherEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * Internal: carries the servlet container's WebSocket sessions to the
 * {@link PusherEndpoint}. Messages arrive in small parts, so the container's buffers per
 * connection stay small; frames leave through {@link ServletTransport}'s asynchronous
 * send.
 */
public final class ServletWebSocketHandler extends AbstractWebSocketHandler implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ServletWebSocketHandler.class);

	private final PusherEndpoint endpoint;

	// closing writes the close frame, which the servlet API does only with a blocking
	// send;
	// the container then runs the endpoint's closing work on the same thread
	private final ThreadPoolExecutor closers = ThreadPools.elastic("closer", 16, Duration.ofSeconds(60),
			new LinkedBlockingQueue<>());

	// only for sessions without an asynchronous remote
	private final ThreadPoolExecutor blockingWrites = ThreadPools.elastic("blocking-writer", 64, Duration.ofSeconds(60),
			new LinkedBlockingQueue<>());

	/**
	 * Creates the handler.
	 * @param endpoint the protocol endpoint
	 */
	public ServletWebSocketHandler(PusherEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		// large enough for nearly every Pusher message in one part, small enough that
		// connections stay cheap
		session.setTextMessageSizeLimit(ContainerBufferDefaults.TEXT_BUFFER);
		session.setBinaryMessageSizeLimit(ContainerBufferDefaults.BINARY_BUFFER);
		// the endpoint keeps the connection in the session's attributes itself, before
		// anything can close it
		this.endpoint.opened(ServletTransport.of(session, this.closers, this.blockingWrites), session.getUri());
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		Connection connection = connection(session);
		if (connection != null) {
			this.endpoint.received(connection, message.getPayload(), message.isLast());
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		Connection connection = connection(session);
		if (connection != null && message.isLast()) {
			this.endpoint.receivedBinary(connection);
		}
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
		if (connection != null) {
			this.endpoint.closed(connection, status.getCode());
		}
	}

	private static @Nullable Connection connection(WebSocketSession session) {
		return (Connection) session.getAttributes().get(PusherEndpoint.CONNECTION);
	}

	@Override
	public void destroy() {
		this.closers.shutdown();
		this.blockingWrites.shutdown();
	}

}
