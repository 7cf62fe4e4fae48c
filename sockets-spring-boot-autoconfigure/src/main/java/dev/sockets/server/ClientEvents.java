package dev.sockets.server;

import dev.sockets.broker.Publication;
import java.util.Map;

import dev.sockets.channel.ChannelSettings;
import dev.sockets.channel.ClientEventRelayedEvent;
import dev.sockets.channel.Namespaces;
import dev.sockets.channel.ClientEventContext;
import dev.sockets.channel.ClientEventHandlers;
import dev.sockets.connection.Connection;
import dev.sockets.protocol.ChannelType;
import dev.sockets.protocol.ClientMessage;
import dev.sockets.protocol.Frames;
import dev.sockets.protocol.PusherError;
import dev.sockets.presence.ChannelMembership;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relays {@code client-} events (Pusher's "whisper") to the other subscribers of a
 * private or presence channel, on every node, never back to the sender; on a presence
 * channel with the sender's member user id at the top level. An event a
 * {@link dev.sockets.channel.ClientEventHandler @ClientEventHandler} handles goes to the
 * handler first, off this thread; its reply or error goes back to the sender alone, and
 * it is relayed only if the handler says so. Every refusal answers the sender alone with
 * a {@code pusher:error} and the connection stays open.
 */
final class ClientEvents {

	private final ChannelMembership membership;

	private final JsonMapper jsonMapper;

	private final Namespaces namespaces;

	private final ClientEventHandlers handlers;

	ClientEvents(ChannelMembership membership, JsonMapper jsonMapper, Namespaces namespaces,
			ClientEventHandlers handlers) {
		this.membership = membership;
		this.handlers = handlers;
		this.jsonMapper = jsonMapper;
		this.namespaces = namespaces;
	}

	void relay(Connection connection, ClientMessage message) {
		String channel = message.channel();
		if (channel == null) {
			connection.send(Frames.error((Integer) null, "A client event needs a 'channel'"));
			return;
		}
		ClientEventHandlers.Handler handler = this.handlers.find(channel, message.event());
		ChannelSettings settings = this.namespaces.of(channel);
		if (handler == null && !settings.clientEventsEnabled()) {
			connection.send(Frames.error(PusherError.CLIENT_EVENT_REJECTED, "Client events are not enabled on "
					+ channel + " (sockets.client-events.enabled, or its namespace's client-events.enabled)"));
			return;
		}
		ChannelType type = ChannelType.of(channel);
		boolean relayable = type == ChannelType.PRIVATE || type == ChannelType.PRESENCE;
		if (handler == null && !relayable) {
			connection.send(Frames.error(PusherError.CLIENT_EVENT_REJECTED,
					"Client events are only allowed on private and presence channels, not on " + channel));
			return;
		}
		if (!connection.channels().contains(channel)) {
			connection.send(Frames.error((Integer) null,
					"Cannot broadcast client event (connection not subscribed to channel " + channel + ")"));
			return;
		}
		if (!connection.tryClientEvent(settings, settings.clientEventsPerSecond())) {
			connection.send(Frames.error(PusherError.CLIENT_EVENT_REJECTED,
					"Client event rejected due to rate limit (" + settings.clientEventsPerSecond() + " per second)"));
			return;
		}
		if (handler == null) {
			publish(connection, message, channel, type);
			return;
		}
		ClientEventContext context = new ClientEventContext(channel, message.event(), connection.socketId(),
				connection.principal(), connection.userId());
		// back on the sender's lane: it may have unsubscribed while the handler ran
		handler.run(context, message.data()).whenCompleteAsync((outcome, failure) -> {
			String event = message.event();
			if (failure != null) {
				connection.send(Frames.event(event + "-error", channel,
						this.jsonMapper.writeValueAsString(Map.of("error", "The server could not handle " + event))));
			}
			else if (outcome.errors() != null) {
				connection.send(Frames.event(event + "-error", channel,
						this.jsonMapper.writeValueAsString(Map.of("errors", outcome.errors()))));
			}
			else {
				if (outcome.reply() != null) {
					connection.send(Frames.event(event + "-reply", channel,
							this.jsonMapper.writeValueAsString(outcome.reply())));
				}
				if (handler.relay() && settings.clientEventsEnabled() && relayable
						&& connection.channels().contains(channel)) {
					publish(connection, message, channel, type);
				}
			}
		}, connection.lane());
	}

	private void publish(Connection connection, ClientMessage message, String channel, ChannelType type) {
		String userId = (type == ChannelType.PRESENCE) ? connection.presenceUser(channel) : null;
		String data = data(message.data());
		this.membership.publish(new Publication(channel, Frames.clientEventText(message.event(), channel, data, userId),
				connection.socketId()));
		this.membership
			.relayed(new ClientEventRelayedEvent(this, channel, message.event(), data, connection.socketId(), userId));
	}

	// relayed as a string, as every other event's data; a missing data is an empty object
	private String data(JsonNode data) {
		if (data == null || data.isNull() || data.isMissingNode()) {
			return "{}";
		}
		return data.isString() ? data.stringValue() : this.jsonMapper.writeValueAsString(data);
	}

}
