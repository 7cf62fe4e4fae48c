package dev.sockets.transport.servlet;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.sockets.connection.Transport;
import dev.sockets.protocol.Frame;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * A servlet container's WebSocket session as a {@link Transport}. Frames go out with the
 * Jakarta WebSocket asynchronous send, which on Tomcat writes what the socket takes and
 * leaves the rest to the container's poller, so a client that stopped reading holds no
 * thread. A session without a Jakarta asynchronous remote falls back to blocking sends on
 * the closer threads.
 */
final class ServletTransport implements Transport {

	private static final Log logger = LogFactory.getLog(ServletTransport.class);

	private static final boolean JAKARTA_PRESENT = ClassUtils.isPresent("jakarta.websocket.Session",
			ServletTransport.class.getClassLoader());

	// Tomcat reads it at each close with a code other than 1000 (all of ours), as a Long
	// in milliseconds: how long the close frame may take, after the write in flight,
	// before
	// Tomcat closes the socket without it (default 50 ms)
	private static final String TOMCAT_CLOSE_SEND_TIMEOUT = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

	private static final Long ABORT_SEND_TIMEOUT_MILLIS = 1L;

	private static final Long CLOSE_SEND_TIMEOUT_MILLIS = 1_000L;

	// Tomcat's other blocking sends: the reply to a client's close with 1000 and to its
	// pings, made on Tomcat's worker threads while our write in flight holds the send
	// permit. That write's completion is queued for the same workers, so the default
	// (20 s) would let a burst of closing clients hold every worker that long.
	private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private static final Long BLOCKING_SEND_TIMEOUT_MILLIS = 250L;

	private final WebSocketSession session;

	private final @Nullable Session jakarta;

	private final RemoteEndpoint.@Nullable Async async;

	private final Executor closers;

	private final Executor blockingWrites;

	private ServletTransport(WebSocketSession session, @Nullable Session jakarta, Executor closers,
			Executor blockingWrites) {
		this.session = session;
		this.jakarta = jakarta;
		this.async = (jakarta != null) ? jakarta.getAsyncRemote() : null;
		this.closers = closers;
		this.blockingWrites = blockingWrites;
	}

	/**
	 * Wraps an open session.
	 * @param session the session
	 * @param closers run closes, which the servlet API makes blocking
	 * @param blockingWrites run the writes of a session without an asynchronous remote
	 * @return the transport
	 */
	static ServletTransport of(WebSocketSession session, Executor closers, Executor blockingWrites) {
		Session jakarta = null;
		if (JAKARTA_PRESENT && session instanceof NativeWebSocketSession nativeSession) {
			jakarta = nativeSession.getNativeSession(Session.class);
		}
		if (jakarta != null) {
			jakarta.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, BLOCKING_SEND_TIMEOUT_MILLIS);
		}
		return new ServletTransport(session, jakarta, closers, blockingWrites);
	}

	@Override
	public void write(Frame frame, WriteCompletion completion) {
		RemoteEndpoint.Async remote = this.async;
		if (remote != null) {
			remote.sendText(frame.text(), (result) -> completion.written(result.isOK() ? null : result.getException()));
			return;
		}
		this.blockingWrites.execute(() -> {
			Exception failure = null;
			try {
				this.session.sendMessage(new TextMessage(frame.text()));
			}
			catch (Exception ex) {
				failure = ex;
			}
			completion.written(failure);
		});
	}

	@Override
	public void close(int code, String reason) {
		closeWithin(CLOSE_SEND_TIMEOUT_MILLIS, code, reason);
	}

	@Override
	public void abort(int code, String reason) {
		closeWithin(ABORT_SEND_TIMEOUT_MILLIS, code, reason);
	}

	// set just before our close, so Tomcat's replies to clients' closes keep its default
	private void closeWithin(Long closeFrameMillis, int code, String reason) {
		Session jakarta = this.jakarta;
		if (jakarta != null) {
			jakarta.getUserProperties().put(TOMCAT_CLOSE_SEND_TIMEOUT, closeFrameMillis);
		}
		try {
			this.closers.execute(() -> closeSession(code, reason));
		}
		catch (RejectedExecutionException ex) {
			// shutting down
			closeSession(code, reason);
		}
	}

	private void closeSession(int code, String reason) {
		try {
			this.session.close(new CloseStatus(code, reason));
		}
		catch (Exception ex) {
			logger.trace("Failed to close WebSocket " + this.session.getId(), ex);
		}
	}

	@Override
	public boolean isOpen() {
		return this.session.isOpen();
	}

	@Override
	public @Nullable Principal principal() {
		return this.session.getPrincipal();
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress() {
		return this.session.getRemoteAddress();
	}

	@Override
	public Map<String, Object> attributes() {
		return this.session.getAttributes();
	}

}
