package dev.sockets.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A bare WebSocket client on a plain socket, light enough to open thousands of in one
 * test: upgrades, reads the server's first text frame, and holds the connection.
 */
public final class RawWebSocket implements AutoCloseable {

	private final Socket socket;

	private final String firstFrame;

	private RawWebSocket(Socket socket, String firstFrame) {
		this.socket = socket;
		this.firstFrame = firstFrame;
	}

	/**
	 * Connects, upgrades and reads the first frame the server sends.
	 * @param port the server port
	 * @param path the endpoint path and query
	 * @return the open connection
	 */
	public static RawWebSocket open(int port, String path) throws IOException {
		return open(port, path, "");
	}

	/**
	 * Connects with more request headers, upgrades and reads the first frame.
	 * @param port the server port
	 * @param path the endpoint path and query
	 * @param extraHeaders header lines, each ending with CRLF
	 * @return the open connection
	 */
	public static RawWebSocket open(int port, String path, String extraHeaders) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(5000);
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
						+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
						+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders
						+ "\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			String head = readHead(in);
			if (!head.startsWith("HTTP/1.1 101")) {
				throw new IOException("Upgrade refused: " + head);
			}
			return new RawWebSocket(socket, readTextFrame(in));
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * The first frame the server sent.
	 * @return its text
	 */
	public String firstFrame() {
		return this.firstFrame;
	}

	/**
	 * Reads an HTTP response's head, up to and including the blank line.
	 * @param in the socket's input
	 * @return the head
	 */
	static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	// a server's frames are not masked; the endpoint's first one is short
	private static String readTextFrame(InputStream in) throws IOException {
		int opcode = in.read() & 0x0f;
		int length = in.read() & 0x7f;
		if (length == 126) {
			length = (in.read() << 8) | in.read();
		}
		byte[] payload = in.readNBytes(length);
		if (opcode != 1 || payload.length != length) {
			throw new IOException("Expected a text frame, got opcode " + opcode);
		}
		return new String(payload, StandardCharsets.UTF_8);
	}

	/**
	 * Sends one frame, masked as a client must.
	 * @param opcode 1 for text, 0 for a continuation
	 * @param last whether it ends the message
	 * @param payload the payload, under 126 bytes
	 */
	public void sendFrame(int opcode, boolean last, byte[] payload) throws IOException {
		byte[] mask = { 1, 2, 3, 4 };
		byte[] frame = new byte[6 + payload.length];
		frame[0] = (byte) ((last ? 0x80 : 0) | opcode);
		frame[1] = (byte) (0x80 | payload.length);
		System.arraycopy(mask, 0, frame, 2, 4);
		for (int i = 0; i < payload.length; i++) {
			frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
		}
		this.socket.getOutputStream().write(frame);
	}

	/**
	 * Reads the server's next text frame.
	 * @return its text
	 */
	public String nextFrame() throws IOException {
		return readTextFrame(this.socket.getInputStream());
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
