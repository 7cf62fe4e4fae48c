package dev.sockets.test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A hand-written session that records what is written and can hold writes back, like a
 * client that stopped reading.
 */
public final class RecordingSession implements WebSocketSession {

	public final BlockingQueue<String> written = new LinkedBlockingQueue<>();

	public final BlockingQueue<CloseStatus> closes = new LinkedBlockingQueue<>();

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private volatile CountDownLatch gate = new CountDownLatch(0);

	private volatile boolean open = true;

	public void holdWrites() {
		this.gate = new CountDownLatch(1);
	}

	public void releaseWrites() {
		this.gate.countDown();
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) throws java.io.IOException {
		try {
			this.gate.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (!this.open) {
			throw new java.io.IOException("closed");
		}
		this.written.add(((TextMessage) message).getPayload());
	}

	@Override
	public void close(CloseStatus status) {
		this.open = false;
		this.closes.add(status);
		this.gate.countDown();
	}

	@Override
	public void close() {
		close(CloseStatus.NORMAL);
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public String getId() {
		return "recording";
	}

	@Override
	public URI getUri() {
		return URI.create("ws://127.0.0.1/app/key");
	}

	@Override
	public HttpHeaders getHandshakeHeaders() {
		return new HttpHeaders();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	@Override
	public Principal getPrincipal() {
		return null;
	}

	@Override
	public InetSocketAddress getLocalAddress() {
		return null;
	}

	@Override
	public InetSocketAddress getRemoteAddress() {
		return null;
	}

	@Override
	public String getAcceptedProtocol() {
		return null;
	}

	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getTextMessageSizeLimit() {
		return 0;
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		return 0;
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		return List.of();
	}

}
