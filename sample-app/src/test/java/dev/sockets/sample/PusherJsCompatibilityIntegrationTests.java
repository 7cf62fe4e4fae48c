package dev.sockets.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Node suite in {@code src/test/js} against the app: unmodified pusher-js
 * connects, subscribes and receives, the {@code pusher} server SDK publishes and queries
 * channels, pusher-js and laravel-echo authorize private team channels and see who is in
 * a team's presence channel, pusher-js sends client events and signs in as a user, whom
 * the server SDK sends events to and disconnects. The webhooks the app sent meanwhile are
 * then checked with the {@code pusher} SDK's webhook helper. pusher-js and laravel-echo
 * with the recovery plugin get what was broadcast while their connection was cut, on
 * channels {@link RecoveryTestChannels} adds. See {@link NodeSuite} for what it needs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(RecoveryTestChannels.class)
class PusherJsCompatibilityIntegrationTests {

	@LocalServerPort
	private int port;

	// the Netty transport's port when it runs, else the application's
	@Value("${local.sockets.netty.port:${local.server.port}}")
	private int socketsPort;

	@Value("${sockets.app.id}")
	private String appId;

	@Value("${sockets.app.key}")
	private String appKey;

	@Value("${sockets.app.secret}")
	private String appSecret;

	// one for the JVM: the Netty subclass runs against it too
	private static final WebhookCapture webhooks = WebhookCapture.start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("sockets.webhooks[0].url", webhooks::url);
		RecoveryTestChannels.namespaces(registry);
	}

	@Test
	void pusherJsAndThePusherServerSdkWorkAgainstTheApp(@TempDir Path directory) throws Exception {
		NodeSuite suite = NodeSuite.installed();
		Map<String, String> environment = Map.of("SOCKETS_HOST", "127.0.0.1", "SOCKETS_PORT", String.valueOf(this.port),
				"SOCKETS_WS_PORT", String.valueOf(this.socketsPort), "SOCKETS_APP_ID", this.appId, "SOCKETS_APP_KEY",
				this.appKey, "SOCKETS_APP_SECRET", this.appSecret);

		int before = webhooks.requests().size();
		suite.test(environment);

		// the suite's channels, members and client events, as a Pusher backend receives
		// them
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.requests().size() >= before + 3);
		Path requests = directory.resolve("webhooks.json");
		List<Map<String, Object>> sent = webhooks.requests();
		Files.writeString(requests, JsonMapper.shared().writeValueAsString(sent.subList(before, sent.size())));
		String output = suite.script(environment, "verify-webhooks.mjs", requests.toString());
		assertThat(output).contains("valid: channel_occupied", "valid: member_added", "valid: client_event");
	}

}
