package dev.sockets.broker;

import java.util.Collection;

/**
 * Sends events to channels from anywhere in the application, to every subscriber on every
 * node: <pre>{@code
 * broadcaster.to("orders").emit("order.shipped", order);
 * broadcaster.to("chat.lobby").except(socketId).emitRaw("message", "{\"text\":\"hi\"}");
 * }</pre> Each event is encoded once per channel, however many subscribers it has.
 */
public interface Broadcaster {

	/**
	 * Starts a broadcast to one or more channels.
	 * @param channels valid channel names
	 * @return the broadcast to configure and emit
	 * @throws dev.sockets.protocol.InvalidChannelNameException if a name breaks the
	 * naming rules
	 * @throws IllegalArgumentException if no channel is given
	 */
	Broadcast to(String... channels);

	/**
	 * Starts a broadcast to one or more channels.
	 * @param channels valid channel names
	 * @return the broadcast to configure and emit
	 * @throws dev.sockets.protocol.InvalidChannelNameException if a name breaks the
	 * naming rules
	 * @throws IllegalArgumentException if no channel is given
	 */
	Broadcast to(Collection<String> channels);

	/**
	 * Starts a broadcast to every connection of a user, on every node: the ones signed in
	 * as the user ({@code pusher.signin()}) and the ones authenticated as the user at the
	 * handshake. They receive it on their {@code #server-to-user-<id>} channel, which
	 * pusher-js hands to {@code pusher.user.bind(event, …)}.
	 * @param userId the user
	 * @return the broadcast, to be emitted
	 * @throws dev.sockets.protocol.InvalidChannelNameException if the id has characters
	 * channel names cannot hold
	 */
	default Broadcast toUser(String userId) {
		return to("#server-to-user-" + userId);
	}

}
