package dev.sockets.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in headless Chromium, driven by playwright-core from the Node suite
 * ({@code browser/browser.spec.js} in {@code src/test/js}): alice and bob log in through
 * the login page in browser contexts of their own and see each other's messages,
 * reactions, presence and typing on a 390 px wide screen. Without Chromium
 * ({@code /usr/bin/chromium}, or the path in {@code CHROMIUM}), Node or playwright-core
 * the test is aborted with a warning on the console, never passed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BrowserIntegrationTests {

	private static final Path CHROMIUM = Path
		.of(Objects.requireNonNullElse(System.getenv("CHROMIUM"), "/usr/bin/chromium"));

	@LocalServerPort
	private int port;

	@Test
	void twoPeopleChatInHeadlessChromiumOnAPhoneSizedScreen() throws Exception {
		skipUnless(Files.isExecutable(CHROMIUM), "Chromium not found at " + CHROMIUM);
		NodeSuite suite = NodeSuite.installed();
		skipUnless(suite.has("playwright-core"), "playwright-core is not installed in src/test/js/node_modules");

		String output = suite.test(Map.of("SOCKETS_HOST", "127.0.0.1", "SOCKETS_PORT", String.valueOf(this.port),
				"CHROMIUM", CHROMIUM.toString()), "browser/browser.spec.js");

		// the spec skips itself where it cannot run: here that would be a pass that
		// tested nothing
		assertThat(output).contains("skipped 0").containsPattern("pass [1-9]");
	}

	private static void skipUnless(boolean condition, String reason) {
		if (!condition) {
			// Failsafe shows an aborted test only as a count: say why on the console
			System.err.println("WARNING: skipping the browser test: " + reason);
			Assumptions.abort(reason);
		}
	}

}
