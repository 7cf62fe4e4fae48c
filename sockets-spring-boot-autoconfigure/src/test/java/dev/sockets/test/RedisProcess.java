package dev.sockets.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code redis-server} process on a free loopback port, which a test can stop and
 * start again on the same port. Uses the {@code redis-server} on the PATH, else the Linux
 * binary shipped in the embedded-redis test dependency (Redis 6.2), so the suite runs on
 * a machine with only a JDK and Maven.
 */
public final class RedisProcess implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(10);

	private static final String EMBEDDED = "/redis-server-6.2.6-v5-linux-amd64";

	private final Path binary;

	private final int port;

	private final List<String> extraArgs;

	// where a snapshot taken by stopKeepingData() waits to be loaded by the next start
	private final Path dataDir;

	private Process process;

	private RedisProcess(Path binary, int port, List<String> extraArgs) throws IOException {
		this.binary = binary;
		this.port = port;
		this.extraArgs = extraArgs;
		this.dataDir = Files.createTempDirectory("redis-data");
	}

	/**
	 * Starts a server on a free port.
	 * @param extraArgs more server arguments, e.g. {@code --cluster-enabled yes}
	 * @return the running server
	 */
	public static RedisProcess launch(String... extraArgs) throws IOException {
		RedisProcess redis = new RedisProcess(binary(), freePort(), List.of(extraArgs));
		redis.start();
		return redis;
	}

	/**
	 * The server binary's major.minor version, e.g. {@code 7.0}.
	 * @return the version
	 */
	public static String version() throws IOException {
		Process process = new ProcessBuilder(binary().toString(), "--version").redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		Matcher matcher = Pattern.compile("v=(\\d+\\.\\d+)").matcher(output);
		return matcher.find() ? matcher.group(1) : "0.0";
	}

	public int port() {
		return this.port;
	}

	/**
	 * Whether the server process is running.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Starts the server again after {@link #stop()}, on the same port.
	 */
	public synchronized void start() throws IOException {
		List<String> command = new ArrayList<>(
				List.of(this.binary.toString(), "--port", String.valueOf(this.port), "--bind", "127.0.0.1", "--save",
						"", "--appendonly", "no", "--protected-mode", "no", "--dir", this.dataDir.toString()));
		command.addAll(this.extraArgs);
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (!answersPing()) {
			if (System.nanoTime() > deadline || !this.process.isAlive()) {
				stop();
				throw new IOException("redis-server did not start on port " + this.port);
			}
			sleep(50);
		}
		// loaded before the server answered: later restarts come back empty again
		Files.deleteIfExists(this.dataDir.resolve("dump.rdb"));
	}

	/**
	 * Saves the data, then kills the server: the next {@link #start()} comes back with
	 * the data, as after a network outage rather than a restart.
	 */
	public synchronized void stopKeepingData() throws IOException {
		String reply = command("SAVE");
		if (!reply.startsWith("+OK")) {
			throw new IOException("SAVE failed: " + reply);
		}
		stop();
	}

	/**
	 * Stops the server process with SIGSTOP: its connections stay open and nothing is
	 * answered, as when Redis stalls.
	 */
	public synchronized void pause() throws IOException, InterruptedException {
		signal("-STOP");
	}

	/**
	 * Continues a {@link #pause() paused} server.
	 */
	public synchronized void resume() throws IOException, InterruptedException {
		signal("-CONT");
	}

	private void signal(String signal) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", signal, Long.toString(this.process.pid())).inheritIO().start();
		if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
			throw new IOException("kill " + signal + " failed");
		}
	}

	/**
	 * Kills the server process (by its PID) and waits until it is gone.
	 */
	public synchronized void stop() {
		if (this.process != null) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	@Override
	public void close() {
		stop();
		try {
			Files.deleteIfExists(this.dataDir.resolve("dump.rdb"));
			Files.deleteIfExists(this.dataDir);
		}
		catch (IOException ex) {
			// a temporary directory left behind
		}
	}

	/**
	 * Sends one command and returns the raw reply, read until the server pauses.
	 * @param args the command and its arguments
	 * @return the RESP reply text
	 */
	public String command(String... args) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(300);
			StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
			for (String arg : args) {
				request.append('$')
					.append(arg.getBytes(StandardCharsets.UTF_8).length)
					.append("\r\n")
					.append(arg)
					.append("\r\n");
			}
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
			StringBuilder reply = new StringBuilder();
			byte[] buffer = new byte[8192];
			try {
				for (int n = socket.getInputStream().read(buffer); n > 0; n = socket.getInputStream().read(buffer)) {
					reply.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
				}
			}
			catch (java.net.SocketTimeoutException ex) {
				// the whole reply has arrived
			}
			return reply.toString();
		}
	}

	/**
	 * How many connections subscribe to a Redis channel ({@code PUBSUB NUMSUB}).
	 * @param channel the Redis channel
	 * @return the count, or -1 when the server does not answer
	 */
	public long subscribers(String channel) {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(1000);
			byte[] name = channel.getBytes(StandardCharsets.UTF_8);
			String command = "*3\r\n$6\r\nPUBSUB\r\n$6\r\nNUMSUB\r\n$" + name.length + "\r\n" + channel + "\r\n";
			socket.getOutputStream().write(command.getBytes(StandardCharsets.UTF_8));
			// *2 $len name :count
			InputStream in = socket.getInputStream();
			StringBuilder reply = new StringBuilder();
			Pattern count = Pattern.compile("\\r\\n:(\\d+)\\r\\n$");
			for (int b = in.read(); b >= 0; b = in.read()) {
				reply.append((char) b);
				Matcher matcher = count.matcher(reply);
				if (reply.length() > name.length && matcher.find()) {
					return Long.parseLong(matcher.group(1));
				}
			}
			return -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private boolean answersPing() {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(1000);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			byte[] reply = new byte[7];
			int read = socket.getInputStream().read(reply);
			return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Path binary() throws IOException {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			Path candidate = Path.of(dir, "redis-server");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return embedded();
	}

	private static synchronized Path embedded() throws IOException {
		Path target = Path.of(System.getProperty("java.io.tmpdir"), "sockets-test-redis-server-6.2.6");
		if (!Files.isExecutable(target)) {
			try (InputStream in = RedisProcess.class.getResourceAsStream(EMBEDDED)) {
				if (in == null) {
					throw new IOException("No redis-server on the PATH and no embedded binary for this platform");
				}
				Path temp = Files.createTempFile("redis-server", ".tmp");
				Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
				temp.toFile().setExecutable(true);
				Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
		}
		return target;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
