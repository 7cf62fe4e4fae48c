package dev.sockets.sample;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs the Node suite in {@code src/test/js} against the app: unmodified pusher-js
 * connects, subscribes and receives, the {@code pusher} server SDK publishes and queries
 * channels, pusher-js and laravel-echo authorize private team channels and see who is in
 * a team's presence channel, pusher-js sends client events and signs in as a user, whom
 * the server SDK sends events to and disconnects. See {@link NodeSuite} for what it
 * needs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
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

	@Test
	void pusherJsAndThePusherServerSdkWorkAgainstTheApp() throws Exception {
		NodeSuite suite = NodeSuite.installed();

		suite.test(Map.of("SOCKETS_HOST", "127.0.0.1", "SOCKETS_PORT", String.valueOf(this.port), "SOCKETS_WS_PORT",
				String.valueOf(this.socketsPort), "SOCKETS_APP_ID", this.appId, "SOCKETS_APP_KEY", this.appKey,
				"SOCKETS_APP_SECRET", this.appSecret));
	}

}
