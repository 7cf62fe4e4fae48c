package dev.sockets.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A selector thread driving many WebSocket client connections with plain NIO: the upgrade
 * request, unmasked server frames parsed in place, masked client frames for subscribe and
 * pong. Far cheaper per message than a general WebSocket client, so the generator leaves
 * the shared cores to the server.
 */
final class ClientLoop implements Runnable {

	private static final byte[] SUBSCRIBED = "subscription_succeeded".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ESTABLISHED = "connection_established".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] PING = "\"pusher:ping\"".getBytes(StandardCharsets.US_ASCII);

	private final Selector selector;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final Latencies latencies;

	private final Thread thread;

	ClientLoop(Latencies latencies, String name) throws IOException {
		this.selector = Selector.open();
		this.latencies = latencies;
		this.thread = new Thread(this, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	void execute(Runnable task) {
		this.tasks.add(task);
		this.selector.wakeup();
	}

	void connect(BenchClient client, URI uri) {
		execute(() -> {
			try {
				SocketChannel socket = SocketChannel.open();
				socket.configureBlocking(false);
				socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
				if (!client.reading) {
					// a small window, set before connecting: a consumer that stops
					// reading
					// backs the server up after kilobytes, not after megabytes of kernel
					// buffers
					socket.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
				}
				client.socket = socket;
				socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
				client.key = socket.register(this.selector, SelectionKey.OP_CONNECT, client);
				client.pendingWrite = ByteBuffer.wrap(upgradeRequest(uri));
			}
			catch (IOException ex) {
				fail(client, ex);
			}
		});
	}

	@Override
	public void run() {
		while (this.selector.isOpen()) {
			try {
				this.selector.select(100);
				for (Runnable task = this.tasks.poll(); task != null; task = this.tasks.poll()) {
					task.run();
				}
				for (SelectionKey key : this.selector.selectedKeys()) {
					handle(key);
				}
				this.selector.selectedKeys().clear();
			}
			catch (IOException | RuntimeException ex) {
				ex.printStackTrace();
			}
		}
	}

	private void handle(SelectionKey key) {
		BenchClient client = (BenchClient) key.attachment();
		try {
			if (!key.isValid()) {
				return;
			}
			if (key.isConnectable() && client.socket.finishConnect()) {
				key.interestOps(SelectionKey.OP_WRITE);
			}
			if (key.isValid() && key.isWritable()) {
				flush(client);
			}
			if (key.isValid() && key.isReadable()) {
				read(client);
			}
		}
		catch (IOException | RuntimeException ex) {
			fail(client, ex);
		}
	}

	private void flush(BenchClient client) throws IOException {
		ByteBuffer pending = client.pendingWrite;
		if (pending != null) {
			client.socket.write(pending);
			if (pending.hasRemaining()) {
				return;
			}
			client.pendingWrite = null;
		}
		client.key.interestOps(client.reading || !client.subscribed.isDone() ? SelectionKey.OP_READ : 0);
	}

	private void read(BenchClient client) throws IOException {
		if (!client.in.hasRemaining()) {
			client.in = ByteBuffer.allocate(client.in.capacity() * 2).put(client.in.flip());
		}
		int read = client.socket.read(client.in);
		if (read < 0) {
			closed(client, 1006);
			return;
		}
		ByteBuffer in = client.in.flip();
		if (!client.upgraded && !upgrade(client, in)) {
			in.compact();
			return;
		}
		while (frame(client, in)) {
			// one frame handled
		}
		in.compact();
		if (!client.reading && client.subscribed.isDone()) {
			// a slow consumer: stop reading, so the server's writes back up
			client.key.interestOps(0);
		}
	}

	private boolean upgrade(BenchClient client, ByteBuffer in) throws IOException {
		for (int i = in.position(); i + 3 < in.limit(); i++) {
			if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
				String head = new String(in.array(), in.position(), i - in.position(), StandardCharsets.US_ASCII);
				if (!head.startsWith("HTTP/1.1 101")) {
					throw new IOException("Upgrade refused: " + head.lines().findFirst().orElse(""));
				}
				in.position(i + 4);
				client.upgraded = true;
				if (client.protocol == Protocol.RAW) {
					client.established.complete(null);
					client.subscribed.complete(null);
				}
				return true;
			}
		}
		return false;
	}

	// Handles one complete frame at the buffer's position; false when the rest is
	// incomplete.
	private boolean frame(BenchClient client, ByteBuffer in) throws IOException {
		int start = in.position();
		if (in.remaining() < 2) {
			return false;
		}
		int opcode = in.get(start) & 0x0F;
		int length = in.get(start + 1) & 0x7F;
		int header = 2;
		if (length == 126) {
			if (in.remaining() < 4) {
				return false;
			}
			length = in.getShort(start + 2) & 0xFFFF;
			header = 4;
		}
		else if (length == 127) {
			if (in.remaining() < 10) {
				return false;
			}
			length = (int) in.getLong(start + 2);
			header = 10;
		}
		if (in.remaining() < header + length) {
			return false;
		}
		int from = start + header;
		int to = from + length;
		if (opcode == 0x1) {
			text(client, in.array(), from, to);
		}
		else if (opcode == 0x8) {
			closed(client, (length >= 2) ? (in.getShort(from) & 0xFFFF) : 1005);
			return false;
		}
		in.position(to);
		return true;
	}

	private void text(BenchClient client, byte[] bytes, int from, int to) throws IOException {
		Protocol protocol = client.protocol;
		if (startsWith(bytes, from, to, protocol.eventPrefix)) {
			int t = indexOf(bytes, from, to, protocol.timestamp);
			if (t >= 0) {
				this.latencies.record(BenchClient.nowMicros() - parseLong(bytes, t + protocol.timestamp.length, to));
				client.countReceived();
			}
		}
		else if (protocol == Protocol.SOCKET_IO) {
			socketIo(client, bytes, from, to);
		}
		else if (indexOf(bytes, from, to, ESTABLISHED) >= 0) {
			client.established.complete(null);
			send(client,
					"{\"event\":\"pusher:subscribe\",\"data\":{\"auth\":\"\",\"channel\":\"" + client.channel + "\"}}");
		}
		else if (indexOf(bytes, from, to, SUBSCRIBED) >= 0) {
			client.subscribed.complete(null);
		}
		else if (indexOf(bytes, from, to, PING) >= 0) {
			send(client, "{\"event\":\"pusher:pong\",\"data\":{}}");
		}
	}

	// Engine.IO 4: "0{...}" opens, "40" connects the main namespace, "2" pings; then the
	// client joins its room and the server acknowledges
	private void socketIo(BenchClient client, byte[] bytes, int from, int to) throws IOException {
		String packet = new String(bytes, from, Math.min(to - from, 32), StandardCharsets.US_ASCII);
		if (packet.equals("2")) {
			send(client, "3");
		}
		else if (packet.startsWith("0{")) {
			send(client, "40");
		}
		else if (packet.startsWith("40")) {
			client.established.complete(null);
			send(client, "42[\"subscribe\",\"" + client.channel + "\"]");
		}
		else if (packet.startsWith("42[\"subscribed\"")) {
			client.subscribed.complete(null);
		}
	}

	// A masked client text frame, as RFC 6455 requires of clients.
	private void send(BenchClient client, String text) throws IOException {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		ByteBuffer frame = ByteBuffer.allocate(payload.length + 8);
		frame.put((byte) 0x81).put((byte) (0x80 | payload.length));
		if (payload.length > 125) {
			throw new IllegalArgumentException("client frames here are short");
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		frame.put(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.put((byte) (payload[i] ^ mask[i & 3]));
		}
		frame.flip();
		client.socket.write(frame);
		if (frame.hasRemaining()) {
			client.pendingWrite = frame;
			client.key.interestOps(client.key.interestOps() | SelectionKey.OP_WRITE);
		}
	}

	void close(BenchClient client, boolean gracefully) {
		try {
			if (gracefully && client.socket != null && client.socket.isOpen() && client.upgraded) {
				// a masked close frame with status 1000
				client.socket
					.write(ByteBuffer.wrap(new byte[] { (byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8 }));
			}
		}
		catch (IOException ex) {
			// closing anyway
		}
		closed(client, gracefully ? 1000 : 1006);
	}

	private void closed(BenchClient client, int code) {
		try {
			if (client.socket != null) {
				client.socket.close();
			}
		}
		catch (IOException ex) {
			// already gone
		}
		client.established.completeExceptionally(new IOException("closed with " + code));
		client.subscribed.completeExceptionally(new IOException("closed with " + code));
		client.closed.complete(code);
	}

	private void fail(BenchClient client, Exception ex) {
		client.established.completeExceptionally(ex);
		client.subscribed.completeExceptionally(ex);
		closed(client, 1006);
	}

	private static byte[] upgradeRequest(URI uri) {
		String path = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		return ("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
		if (to - from < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[from + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static int indexOf(byte[] bytes, int from, int to, byte[] needle) {
		outer: for (int i = from; i <= to - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (bytes[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static long parseLong(byte[] bytes, int from, int to) {
		long value = 0;
		for (int i = from; i < to && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
			value = value * 10 + (bytes[i] - '0');
		}
		return value;
	}

}
