package dev.sockets.channel;

import org.springframework.context.ApplicationEvent;

/**
 * A channel became occupied or vacant: {@link ChannelOccupiedEvent} or
 * {@link ChannelVacatedEvent}. Published once per change, on the node where it happened,
 * on the thread of the subscription; keep listeners quick or make them {@code @Async}.
 */
public abstract class ChannelEvent extends ApplicationEvent {

	private final String channel;

	/**
	 * Creates the event.
	 * @param source the publisher
	 * @param channel the channel
	 */
	protected ChannelEvent(Object source, String channel) {
		super(source);
		this.channel = channel;
	}

	/**
	 * The channel.
	 * @return its name
	 */
	public String getChannel() {
		return this.channel;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[channel=" + this.channel + "]";
	}

}
