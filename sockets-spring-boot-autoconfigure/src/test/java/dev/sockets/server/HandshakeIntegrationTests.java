package dev.sockets.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.sockets.handshake.ClientRequest;
import dev.sockets.handshake.HandshakeRefusal;
import dev.sockets.handshake.SocketHandshakeInterceptor;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.RawHandshake;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.TokenAuthenticator;
import dev.sockets.test.client.SocketsTestClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;

import static dev.sockets.test.TestClients.subscribe;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handshake with its strictest settings: an Origin header is required and must be
 * allowed, every connection must authenticate, private channels need a signature, and the
 * application adds an interceptor of its own ahead of the built-in ones.
 */
@SpringBootTest(classes = { TestApplication.class, HandshakeIntegrationTests.Interceptors.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
				"sockets.allowed-origins=https://app.example", "sockets.handshake.allow-anonymous=false",
				"sockets.handshake.allow-missing-origin=false", "sockets.authorization.inline=false" })
class HandshakeIntegrationTests {

	private static final String ALLOWED = "Origin: https://app.example\r\n";

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Autowired
	private BlockList blockList;

	@Test
	void aHandshakeWithoutOriginIsRefusedWhenConfigured() throws Exception {
		assertRefused(RawHandshake.response(this.socketsPort, "/app/app-key?token=alice-token", ""), 403,
				"An Origin header is required");
	}

	@Test
	void aForgedOriginIsRefusedBeforeAuthentication() throws Exception {
		assertRefused(RawHandshake.response(this.socketsPort, "/app/app-key?token=forged",
				"Origin: https://evil.example\r\n"), 403, "Origin https://evil.example is not allowed");
		assertRefused(RawHandshake.response(this.socketsPort, "/app/app-key?token=alice-token",
				"Origin: https://app.example.evil.example\r\n"), 403, null);
	}

	@Test
	void anonymousConnectionsAreRefusedWith401WhenConfigured() throws Exception {
		assertRefused(RawHandshake.response(this.socketsPort, "/app/app-key", ALLOWED), 401,
				"Authentication is required");
		assertRefused(RawHandshake.response(this.socketsPort, "/app/app-key?token=forged", ALLOWED), 401,
				"Token rejected");
		assertThat(RawHandshake.responseHead(this.socketsPort, "/app/app-key?token=alice-token", ALLOWED))
			.startsWith("HTTP/1.1 101");
	}

	@Test
	void theApplicationsInterceptorsRunInTheirOrder() throws Exception {
		this.blockList.seen.clear();
		assertRefused(RawHandshake.response(this.socketsPort, "/app/app-key?token=forged",
				ALLOWED + "X-Client-Address: 203.0.113.9\r\n"), 403, "Address blocked");
		assertThat(this.blockList.seen).containsExactly("203.0.113.9");
		RawHandshake.response(this.socketsPort, "/app/app-key?token=alice-token", ALLOWED);
		assertThat(this.blockList.seen).containsExactly("203.0.113.9", "-");
	}

	@Test
	void withInlineAuthorizationOffPrivateChannelsNeedASignature() throws Exception {
		try (SocketsTestClient alice = TestClients.connect(
				"ws://127.0.0.1:" + this.socketsPort + "/app/app-key?token=alice-token",
				Map.of("Origin", "https://app.example"))) {
			subscribe(alice, "private-team.1");
			JsonNode error = alice.nextMessage();
			assertThat(error.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(error.get("data").get("status").intValue()).isEqualTo(401);
			assertThat(error.get("data").get("error").stringValue()).contains("needs an 'auth' signature");
			subscribeAndAwait(alice, "lobby");
		}
	}

	private static void assertRefused(RawHandshake.Response response, int status, @Nullable String message) {
		assertThat(response.head()).startsWith("HTTP/1.1 " + status);
		JsonNode body = JsonMapper.shared().readTree(response.body());
		assertThat(body.get("status").intValue()).isEqualTo(status);
		if (message != null) {
			assertThat(body.get("error").stringValue()).isEqualTo(message);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Interceptors {

		@Bean
		TokenAuthenticator tokenAuthenticator() {
			return new TokenAuthenticator();
		}

		@Bean
		BlockList blockList() {
			return new BlockList();
		}

	}

	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class BlockList implements SocketHandshakeInterceptor {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Override
		public @Nullable HandshakeRefusal beforeHandshake(ClientRequest request) {
			String address = request.headers().getFirst("X-Client-Address");
			this.seen.add((address != null) ? address : "-");
			return "203.0.113.9".equals(address) ? HandshakeRefusal.of(HttpStatus.FORBIDDEN, "Address blocked") : null;
		}

	}

}
