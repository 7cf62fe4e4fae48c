package dev.sockets.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client that subscribes and then never reads again, written on a plain
 * socket with a small receive buffer, so the server's writes to it stall after a few
 * kilobytes rather than after the megabytes the kernel would otherwise buffer.
 */
public final class StalledSocket implements AutoCloseable {

	private final Socket socket;

	private StalledSocket(Socket socket) {
		this.socket = socket;
	}

	/**
	 * Connects, upgrades, subscribes to a channel and stops reading.
	 * @param port the server port
	 * @param path the endpoint path and query
	 * @param channel the channel to subscribe to
	 * @return the socket, to be closed by the caller
	 */
	public static StalledSocket subscribe(int port, String path, String channel) throws IOException {
		Socket socket = new Socket();
		// set before connecting, so the window the server sees stays small
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.setSoTimeout(5000);
		OutputStream out = socket.getOutputStream();
		out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		String head = RawWebSocket.readHead(socket.getInputStream());
		if (!head.startsWith("HTTP/1.1 101")) {
			socket.close();
			throw new IOException("Upgrade refused: " + head);
		}
		out.write(maskedText("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\"}}"));
		out.flush();
		return new StalledSocket(socket);
	}

	// a client's frames must be masked; a zero mask keeps the payload as it is
	private static byte[] maskedText(String text) {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		if (payload.length > 125) {
			throw new IllegalArgumentException("Only short frames");
		}
		byte[] frame = new byte[6 + payload.length];
		frame[0] = (byte) 0x81;
		frame[1] = (byte) (0x80 | payload.length);
		System.arraycopy(payload, 0, frame, 6, payload.length);
		return frame;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
