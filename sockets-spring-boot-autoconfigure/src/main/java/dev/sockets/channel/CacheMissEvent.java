package dev.sockets.channel;

import org.springframework.context.ApplicationEvent;

/**
 * A connection subscribed to a cache channel that holds no event: it was sent
 * {@code pusher:cache_miss}, and the application may want to publish one. Published on
 * the connection's node, on its lane; keep listeners quick or make them {@code @Async}.
 */
public class CacheMissEvent extends ApplicationEvent {

	private final String channel;

	/**
	 * Creates the event.
	 * @param source the publisher
	 * @param channel the cache channel
	 */
	public CacheMissEvent(Object source, String channel) {
		super(source);
		this.channel = channel;
	}

	public String getChannel() {
		return this.channel;
	}

}
