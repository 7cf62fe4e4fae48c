package dev.sockets.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket upgrade request written by hand, for asserting exactly what the server
 * answers to headers no client library lets us set.
 */
public final class RawHandshake {

	private RawHandshake() {
	}

	/**
	 * Sends an upgrade request and returns the status line and headers of the response.
	 * @param port the server port
	 * @param path the request path and query
	 * @param extraHeaders more header lines, each ending in CRLF
	 * @return the response head, one line per header
	 */
	public static String responseHead(int port, String path, String extraHeaders) throws IOException {
		return response(port, path, extraHeaders).head();
	}

	/**
	 * Sends an upgrade request and returns the response's head and, when it declares a
	 * length, its body.
	 * @param port the server port
	 * @param path the request path and query
	 * @param extraHeaders more header lines, each ending in CRLF
	 * @return the response
	 */
	public static Response response(int port, String path, String extraHeaders) throws IOException {
		return response(InetAddress.getLoopbackAddress(), port, path, extraHeaders);
	}

	/**
	 * Sends an upgrade request from a given local address (any of 127.0.0.0/8 on Linux),
	 * as another client would.
	 * @param from the local address to connect from
	 * @param port the server port
	 * @param path the request path and query
	 * @param extraHeaders more header lines, each ending in CRLF
	 * @return the response
	 */
	public static Response response(InetAddress from, int port, String path, String extraHeaders) throws IOException {
		try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, from, 0)) {
			socket.setSoTimeout(5000);
			String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders
					+ "\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			StringBuilder head = new StringBuilder();
			int length = 0;
			for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
				head.append(line).append('\n');
				if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
					length = Integer.parseInt(line.substring(15).trim());
				}
			}
			char[] body = new char[length];
			int read = 0;
			while (read < length) {
				int n = reader.read(body, read, length - read);
				if (n < 0) {
					break;
				}
				read += n;
			}
			return new Response(head.toString(), new String(body, 0, read));
		}
	}

	/**
	 * A handshake response.
	 *
	 * @param head the status line and headers, one per line
	 * @param body the body, empty when none was declared
	 */
	public record Response(String head, String body) {

	}

}
