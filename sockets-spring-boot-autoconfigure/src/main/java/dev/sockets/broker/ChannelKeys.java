package dev.sockets.broker;

import io.micrometer.common.KeyValues;

/**
 * The keys the observations of a channel's broadcast and delivery share: the channel type
 * as the low-cardinality key, the channel as a high-cardinality one.
 */
final class ChannelKeys {

	private ChannelKeys() {
	}

	static String contextualName(String verb, String channel) {
		return verb + " " + SocketsObservation.LowCardinalityKeys.channelType(channel);
	}

	static KeyValues lowCardinality(String channel) {
		return KeyValues.of(SocketsObservation.LowCardinalityKeys.CHANNEL_TYPE
			.withValue(SocketsObservation.LowCardinalityKeys.channelType(channel)));
	}

	static KeyValues highCardinality(String channel) {
		return KeyValues.of(SocketsObservation.HighCardinalityKeys.CHANNEL.withValue(channel));
	}

}
