package dev.sockets.broker;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.observation.transport.SenderContext;

/**
 * The context of a {@link SocketsObservation#BROADCAST} observation: the channel, and the
 * headers a tracer propagates to the nodes that deliver it.
 */
public final class BroadcastContext extends SenderContext<Map<String, String>> {

	private final String channel;

	BroadcastContext(String channel) {
		super((headers, key, value) -> headers.put(key, value));
		this.channel = channel;
		setCarrier(new HashMap<>());
	}

	/**
	 * The channel broadcast to.
	 * @return its name
	 */
	public String channel() {
		return this.channel;
	}

}
