package dev.sockets.channel;

import java.security.Principal;

import dev.sockets.protocol.ChannelType;
import org.jspecify.annotations.Nullable;

/**
 * A subscription to be authorized.
 *
 * @param channel the channel name
 * @param socketId the subscribing connection's socket id
 * @param principal the user: from the handshake for an inline subscription, from the HTTP
 * request at the authorization endpoint; {@code null} when anonymous
 */
public record SubscriptionRequest(String channel, String socketId, @Nullable Principal principal) {

	/**
	 * The channel's type, from its name.
	 * @return the type
	 */
	public ChannelType channelType() {
		return ChannelType.of(this.channel);
	}

}
