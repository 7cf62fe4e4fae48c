package dev.sockets.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.sockets.test.SignedInUsers;
import dev.sockets.test.TestApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A node of the cluster in a JVM of its own, so a test can kill it abruptly (SIGKILL, as
 * {@code kill -9} would): it starts the test application with the given properties and
 * runs until it is killed.
 */
final class NodeProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private NodeProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts a node and waits until it accepts connections.
	 * @param properties the application's properties, {@code name=value}
	 * @return the running node
	 */
	static NodeProcess start(List<String> properties) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
						System.getProperty("java.class.path"), NodeProcess.class.getName(), "--server.port=" + port,
						"--server.address=127.0.0.1"));
		properties.forEach((property) -> command.add("--" + property));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!accepts(port)) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				process.destroyForcibly();
				throw new IOException("The node process did not start");
			}
			Thread.sleep(100);
		}
		return new NodeProcess(process, port);
	}

	int port() {
		return this.port;
	}

	/**
	 * Kills the node with SIGKILL: no shutdown hook, no cleanup.
	 */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/**
	 * Stops the node with SIGSTOP, as a long GC pause or a frozen VM would: its sockets
	 * stay open, and it does nothing until {@link #resume()}.
	 */
	void pause() throws IOException, InterruptedException {
		signal("-STOP");
	}

	/**
	 * Continues a paused node.
	 */
	void resume() throws IOException, InterruptedException {
		signal("-CONT");
	}

	private void signal(String signal) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", signal, Long.toString(this.process.pid())).inheritIO().start();
		if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
			throw new IOException("kill " + signal + " failed");
		}
	}

	@Override
	public void close() throws InterruptedException {
		kill();
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(TestApplication.class, SignedInUsers.class).run(args);
	}

}
