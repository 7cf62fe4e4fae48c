package dev.sockets.sample;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Node suite in {@code src/test/js}, run with {@code node --test}. Needs {@code node}
 * and {@code npm} on the PATH; without them the calling test is aborted, visibly, never
 * passed. {@code npm ci} runs first whenever {@code node_modules} is missing or differs
 * from {@code package-lock.json}.
 */
final class NodeSuite {

	private static final Path TESTS = Path.of("src", "test", "js").toAbsolutePath();

	private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);

	private static final Duration NODE_TEST_TIMEOUT = Duration.ofMinutes(3);

	private final Path node;

	private NodeSuite(Path node) {
		this.node = node;
	}

	/**
	 * The suite, its packages installed.
	 * @return the suite, ready to run
	 * @throws IOException if a lockfile cannot be read or a process started
	 * @throws InterruptedException if interrupted while {@code npm ci} runs
	 */
	static NodeSuite installed() throws IOException, InterruptedException {
		Path node = onPath("node");
		Path npm = onPath("npm");
		if (node == null || npm == null) {
			String reason = "Node.js not found on PATH: skipping the tests with pusher-js";
			// Failsafe shows an aborted test only as a count: say why on the console
			System.err.println("WARNING: " + reason);
			Assumptions.abort(reason);
		}
		String staleness = NodeModules.staleness(TESTS.resolve("package-lock.json"), TESTS.resolve("node_modules"));
		if (staleness != null) {
			System.out.println("Running npm ci: " + staleness);
			Run install = run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), Map.of(), NPM_CI_TIMEOUT);
			assertThat(install.exitCode())
				.as("npm ci in %s exited with %s; output:%n%s", TESTS, install.exitCode(), install.output())
				.isZero();
		}
		return new NodeSuite(node);
	}

	/**
	 * Runs {@code node --test} and fails unless every test passes. The files run one
	 * after the other, never in parallel: they share the sample's users and its team
	 * channels, and {@code two-way.test.js} closes every connection of alice's.
	 * @param environment variables for the tests, such as where the server is
	 * @param files the test files, relative to {@code src/test/js}; none for those
	 * {@code node --test} finds on its own ({@code *.test.js})
	 * @return what the tests printed
	 * @throws IOException if node cannot be started
	 * @throws InterruptedException if interrupted while the tests run
	 */
	String test(Map<String, String> environment, String... files) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(this.node.toString(), "--test", "--test-concurrency=1", "--test-reporter=spec"));
		command.addAll(List.of(files));

		Run tests = run(command, environment, NODE_TEST_TIMEOUT);

		assertThat(tests.exitCode())
			.as("%s in %s exited with %s; output:%n%s", String.join(" ", command), TESTS, tests.exitCode(),
					tests.output())
			.isZero();
		return tests.output();
	}

	/**
	 * Whether the suite's {@code node_modules} holds a package.
	 * @param name the package
	 * @return {@code true} when it is installed
	 */
	boolean has(String name) {
		return Files.isRegularFile(TESTS.resolve("node_modules").resolve(name).resolve("package.json"));
	}

	/**
	 * Runs one script of the suite with {@code node} and fails unless it exits 0.
	 * @param environment variables for the script
	 * @param script the script, relative to {@code src/test/js}
	 * @param arguments its arguments
	 * @return what it printed
	 * @throws IOException if node cannot be started
	 * @throws InterruptedException if interrupted while it runs
	 */
	String script(Map<String, String> environment, String script, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(this.node.toString(), script));
		command.addAll(List.of(arguments));
		Run run = run(command, environment, NODE_TEST_TIMEOUT);
		assertThat(run.exitCode())
			.as("%s in %s exited with %s; output:%n%s", String.join(" ", command), TESTS, run.exitCode(), run.output())
			.isZero();
		return run.output();
	}

	/**
	 * Runs a command in the test directory, copying its output to the console as it
	 * comes.
	 */
	private static Run run(List<String> command, Map<String, String> environment, Duration timeout)
			throws IOException, InterruptedException {
		System.out.println("$ " + String.join(" ", command) + "   (in " + TESTS + ")");
		ProcessBuilder builder = new ProcessBuilder(command).directory(TESTS.toFile())
			.redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
		builder.environment().putAll(environment);
		Process process = builder.start();
		StringBuffer output = new StringBuffer();
		Thread copier = new Thread(() -> copy(process, output), "node-output");
		copier.setDaemon(true);
		copier.start();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			copier.join(TimeUnit.SECONDS.toMillis(5));
			fail("%s did not finish within %s; output so far:%n%s", String.join(" ", command), timeout, output);
		}
		copier.join(TimeUnit.SECONDS.toMillis(10));
		return new Run(process.exitValue(), output.toString());
	}

	private static void copy(Process process, StringBuffer output) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				System.out.println(line);
				output.append(line).append(System.lineSeparator());
			}
		}
		catch (IOException ex) {
			output.append("(output unreadable: ").append(ex.getMessage()).append(')');
		}
	}

	private static File nullDevice() {
		return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
	}

	private static @Nullable Path onPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		List<String> candidates = System.getProperty("os.name").startsWith("Windows")
				? List.of(name + ".exe", name + ".cmd") : List.of(name);
		for (String directory : path.split(File.pathSeparator)) {
			if (directory.isBlank()) {
				continue;
			}
			for (String candidate : candidates) {
				Path file = Path.of(directory).resolve(candidate);
				if (Files.isRegularFile(file) && Files.isExecutable(file)) {
					return file;
				}
			}
		}
		return null;
	}

	private record Run(int exitCode, String output) {
	}

}
