package dev.sockets.server;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;

import dev.sockets.channel.AuthorizeChannel;
import dev.sockets.channel.ChannelVariable;
import dev.sockets.channel.ClientEventContext;
import dev.sockets.channel.ClientEventHandler;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.TokenAuthenticator;
import dev.sockets.test.client.SocketsTestClient;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static dev.sockets.test.TestClients.assertNothingWithin;
import static dev.sockets.test.TestClients.send;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Typed server-side handlers of client events against a real server: binding, Bean
 * Validation, replies, exceptions, and relaying by choice.
 */
@SpringBootTest(classes = { TestApplication.class, ClientEventHandlerIntegrationTests.Handlers.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "sockets.app.id=1234", "sockets.app.key=app-key",
				"sockets.app.secret=app-secret", "sockets.client-events.enabled=true" })
class ClientEventHandlerIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Duration QUIET = Duration.ofMillis(300);

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Test
	void aHandlerReceivesTheBoundPayloadAndRepliesToTheSenderAlone() throws Exception {
		try (SocketsTestClient alice = connectAs("alice"); SocketsTestClient bob = connectAs("bob")) {
			subscribeAndAwait(alice, "private-chat.7");
			subscribeAndAwait(bob, "private-chat.7");
			send(alice, Map.of("event", "client-message", "channel", "private-chat.7", "data", Map.of("text", "hi")));
			JsonNode reply = alice.nextMessage();
			assertThat(reply.get("event").stringValue()).isEqualTo("client-message-reply");
			assertThat(reply.get("channel").stringValue()).isEqualTo("private-chat.7");
			JsonNode data = JSON.readTree(reply.get("data").stringValue());
			assertThat(data.get("room").longValue()).isEqualTo(7);
			assertThat(data.get("by").stringValue()).isEqualTo("alice");
			assertThat(data.get("text").stringValue()).isEqualTo("hi");
			assertThat(data.get("socket").stringValue()).isEqualTo(alice.socketId());
			// not relayed: the handler did not ask for it
			assertNothingWithin(bob, QUIET);
		}
	}

	@Test
	void anInvalidPayloadIsAnsweredWithTheFieldErrors() throws Exception {
		try (SocketsTestClient alice = connectAs("alice")) {
			subscribeAndAwait(alice, "private-chat.8");
			send(alice, Map.of("event", "client-message", "channel", "private-chat.8", "data", Map.of("text", "")));
			JsonNode error = alice.nextMessage();
			assertThat(error.get("event").stringValue()).isEqualTo("client-message-error");
			assertThat(JSON.readTree(error.get("data").stringValue()).get("errors").has("text")).isTrue();
			send(alice, Map.of("event", "client-message", "channel", "private-chat.8", "data", "[1,2]"));
			JsonNode unbound = alice.nextMessage();
			assertThat(unbound.get("event").stringValue()).isEqualTo("client-message-error");
			assertThat(JSON.readTree(unbound.get("data").stringValue()).get("errors").get("data").stringValue())
				.contains("ChatMessage");
		}
	}

	@Test
	void anExceptionBecomesAnErrorEventAndTheConnectionStaysOpen() throws Exception {
		try (SocketsTestClient alice = connectAs("alice")) {
			subscribeAndAwait(alice, "private-chat.9");
			send(alice, Map.of("event", "client-message", "channel", "private-chat.9", "data", Map.of("text", "boom")));
			JsonNode error = alice.nextMessage();
			assertThat(error.get("event").stringValue()).isEqualTo("client-message-error");
			assertThat(error.get("data").stringValue()).doesNotContain("IllegalStateException")
				.contains("could not handle");
			send(alice, Map.of("event", "pusher:ping", "data", Map.of()));
			assertThat(alice.nextMessage().get("event").stringValue()).isEqualTo("pusher:pong");
		}
	}

	@Test
	void aHandlerMayAskForTheEventToBeRelayedToo() throws Exception {
		try (SocketsTestClient alice = connectAs("alice"); SocketsTestClient bob = connectAs("bob")) {
			subscribeAndAwait(alice, "private-chat.10");
			subscribeAndAwait(bob, "private-chat.10");
			send(alice, Map.of("event", "client-shout", "channel", "private-chat.10", "data", Map.of("text", "hey")));
			JsonNode relayed = bob.nextMessage();
			assertThat(relayed.get("event").stringValue()).isEqualTo("client-shout");
			assertNothingWithin(alice, QUIET);
			send(alice, Map.of("event", "client-shout", "channel", "private-chat.10", "data", Map.of("text", "")));
			assertThat(alice.nextMessage().get("event").stringValue()).isEqualTo("client-shout-error");
			assertNothingWithin(bob, QUIET);
		}
	}

	private SocketsTestClient connectAs(String user) throws Exception {
		return TestClients.connect("ws://127.0.0.1:" + this.socketsPort + "/app/app-key?token=" + user + "-token");
	}

	record ChatMessage(@NotBlank @Size(max = 100) String text) {

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		TokenAuthenticator tokenAuthenticator() {
			return new TokenAuthenticator();
		}

		@Bean
		ChatHandlers chatHandlers() {
			return new ChatHandlers();
		}

	}

	static class ChatHandlers {

		@AuthorizeChannel("private-chat.{roomId}")
		boolean join(@Nullable Principal user) {
			return user != null;
		}

		@ClientEventHandler(channel = "private-chat.{roomId}", event = "client-message")
		Map<String, Object> message(@Valid ChatMessage message, Principal user, @ChannelVariable long roomId,
				ClientEventContext context) {
			if (message.text().equals("boom")) {
				throw new IllegalStateException("the chat store is down");
			}
			return Map.of("room", roomId, "by", user.getName(), "text", message.text(), "socket", context.socketId());
		}

		@ClientEventHandler(channel = "private-chat.{roomId}", event = "client-shout", relay = true)
		void shout(@Valid ChatMessage message) {
		}

	}

}
