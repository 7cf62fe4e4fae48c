package dev.sockets.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sockets.broker.Broadcaster;
import dev.sockets.test.client.SocketsTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbered {@code update} events for the recovery tests: published in order, awaited in
 * order, and a subscription that comes back with a position, as the recovery plugin sends
 * it.
 */
public final class Updates {

	private static final JsonMapper JSON = JsonMapper.shared();

	private Updates() {
	}

	/**
	 * Publishes {@code update} events numbered {@code from} on, one after the other.
	 * @param broadcaster where to publish
	 * @param channel the channel
	 * @param from the first number
	 * @param count how many
	 */
	public static void publish(Broadcaster broadcaster, String channel, int from, int count) {
		for (int i = from; i < from + count; i++) {
			broadcaster.to(channel).emitRaw("update", "{\"n\":" + i + "}").join();
		}
	}

	/**
	 * Takes frames until that many {@code update} events arrived, skipping others.
	 * @param client the client
	 * @param count how many
	 * @return the events, in the order they arrived
	 */
	public static List<JsonNode> await(SocketsTestClient client, int count) {
		List<JsonNode> events = new ArrayList<>(count);
		while (events.size() < count) {
			JsonNode message = client.nextMessage(Duration.ofSeconds(10));
			if ("update".equals(message.get("event").stringValue())) {
				events.add(message);
			}
		}
		return events;
	}

	/**
	 * The number of an {@code update} event.
	 * @param event the event
	 * @return its number
	 */
	public static int numberOf(JsonNode event) {
		assertThat(event.get("event").stringValue()).as(event.toString()).isEqualTo("update");
		return JSON.readTree(event.get("data").stringValue()).get("n").asInt();
	}

	/**
	 * Subscribes with the last position seen, as the recovery plugin does.
	 * @param client the client
	 * @param channel the channel
	 * @param position the position's JSON
	 */
	public static void subscribeWithPosition(SocketsTestClient client, String channel, JsonNode position) {
		TestClients.send(client, Map.of("event", "pusher:subscribe", "data",
				Map.of("channel", channel, "position", JSON.convertValue(position, Map.class))));
	}

}
