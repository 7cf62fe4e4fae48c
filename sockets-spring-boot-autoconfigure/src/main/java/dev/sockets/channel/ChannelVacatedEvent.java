package dev.sockets.channel;

/**
 * A channel lost its last subscriber.
 */
public class ChannelVacatedEvent extends ChannelEvent {

	/**
	 * Creates the event.
	 * @param source the publisher
	 * @param channel the channel
	 */
	public ChannelVacatedEvent(Object source, String channel) {
		super(source, channel);
	}

}
