package dev.sockets.sample.page;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app serves the recovery plugin that its page loads, from the starter's jar
 * ({@code META-INF/resources/sockets/pusher-recovery.js}) at
 * {@code /sockets/pusher-recovery.js}, to anyone: the page is open to guests too.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RecoveryPluginIntegrationTests {

	// the plugin's one source, in the repository (Maven runs the tests in sample-app)
	private static final Path PLUGIN = Path.of("..", "clients", "pusher-recovery", "pusher-recovery.js");

	@LocalServerPort
	private int port;

	@Test
	void theAppServesTheRecoveryPluginAsJavaScriptWithoutSignIn() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/sockets/pusher-recovery.js"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).matches("(text|application)/javascript(;.*)?"));
		assertThat(response.body()).isEqualTo(Files.readString(PLUGIN))
			.contains("function withRecovery(pusher)", "root.SocketsRecovery = factory()");
	}

}
