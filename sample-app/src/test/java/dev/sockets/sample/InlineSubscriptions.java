package dev.sockets.sample;

import java.util.Map;

import dev.sockets.test.client.SocketsTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscriptions without an {@code auth} signature, which the starter authorizes inline,
 * as the user who opened the WebSocket (HTTP Basic or a session on the handshake).
 * {@link SocketsTestClient#subscribe} goes through the authorization endpoint, as
 * pusher-js does; these send the raw {@code pusher:subscribe} instead.
 */
public final class InlineSubscriptions {

	private static final JsonMapper JSON = JsonMapper.shared();

	private InlineSubscriptions() {
	}

	/**
	 * Subscribes inline and waits for {@code pusher_internal:subscription_succeeded}.
	 * @param client the connection
	 * @param channel a private or presence channel
	 */
	public static void subscribeInline(SocketsTestClient client, String channel) {
		send(client, channel);
		client.awaitEvent(channel, "pusher_internal:subscription_succeeded");
	}

	/**
	 * Subscribes inline and waits for the refusal.
	 * @param client the connection
	 * @param channel a private or presence channel
	 * @return the data of {@code pusher:subscription_error} ({@code type},
	 * {@code status}, {@code error})
	 */
	public static JsonNode subscribeInlineExpectingError(SocketsTestClient client, String channel) {
		send(client, channel);
		return client.awaitEvent(channel, "pusher:subscription_error").json();
	}

	private static void send(SocketsTestClient client, String channel) {
		client.send(JSON
			.writeValueAsString(Map.of("event", "pusher:subscribe", "data", Map.of("auth", "", "channel", channel))));
	}

}
