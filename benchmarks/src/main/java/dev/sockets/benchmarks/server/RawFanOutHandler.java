package dev.sockets.benchmarks.server;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The ceiling of the servlet stack: no protocol, no queue, no channel lookup; one
 * pre-encoded frame written with the container's blocking send to every open session, on
 * the publishing thread.
 */
public class RawFanOutHandler extends TextWebSocketHandler {

	private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		this.sessions.add(session);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.sessions.remove(session);
	}

	/**
	 * Writes one frame to every session.
	 * @param frame the encoded frame
	 * @return how many sessions it was written to
	 */
	int publish(TextMessage frame) {
		int written = 0;
		for (WebSocketSession session : this.sessions) {
			try {
				synchronized (session) {
					session.sendMessage(frame);
				}
				written++;
			}
			catch (IOException | IllegalStateException ex) {
				// a client that went away; the raw baseline does nothing more
			}
		}
		return written;
	}

	int size() {
		return this.sessions.size();
	}

}
