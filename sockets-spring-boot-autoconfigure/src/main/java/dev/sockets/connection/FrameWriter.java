package dev.sockets.connection;

import java.io.IOException;

import dev.sockets.protocol.Frame;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Writes frames to a session with the container's blocking send. Only a connection's
 * writer, on a writer thread, calls it. Where the container offers a Jakarta remote with
 * batching (Tomcat), frames are collected in its output buffer and {@link #flush()
 * flushed} once the queue is empty, so a burst goes out in a few socket writes instead of
 * one per frame.
 */
final class FrameWriter {

	private static final boolean JAKARTA_PRESENT = ClassUtils.isPresent("jakarta.websocket.Session",
			FrameWriter.class.getClassLoader());

	private final WebSocketSession session;

	private volatile RemoteEndpoint.@Nullable Basic batching;

	FrameWriter(WebSocketSession session) {
		this.session = session;
		this.batching = batchingRemote(session);
	}

	private static RemoteEndpoint.@Nullable Basic batchingRemote(WebSocketSession session) {
		if (JAKARTA_PRESENT && session instanceof NativeWebSocketSession nativeSession) {
			Session jakarta = nativeSession.getNativeSession(Session.class);
			if (jakarta != null) {
				try {
					RemoteEndpoint.Basic remote = jakarta.getBasicRemote();
					remote.setBatchingAllowed(true);
					return remote;
				}
				catch (IOException | RuntimeException ex) {
					return null;
				}
			}
		}
		return null;
	}

	void write(Frame frame) throws IOException {
		RemoteEndpoint.Basic remote = this.batching;
		if (remote != null) {
			remote.sendText(frame.text());
		}
		else {
			this.session.sendMessage(new TextMessage(frame.text()));
		}
	}

	/**
	 * Writes what batching holds back; called when the queue is empty.
	 */
	void flush() throws IOException {
		RemoteEndpoint.Basic remote = this.batching;
		if (remote != null) {
			remote.flushBatch();
		}
	}

	/**
	 * Flushes and stops batching, so a close frame that follows goes straight out.
	 */
	void stopBatching() throws IOException {
		RemoteEndpoint.Basic remote = this.batching;
		if (remote != null) {
			this.batching = null;
			remote.setBatchingAllowed(false);
		}
	}

}
