package dev.sockets.channel;

/**
 * A channel got its first subscriber.
 */
public class ChannelOccupiedEvent extends ChannelEvent {

	/**
	 * Creates the event.
	 * @param source the publisher
	 * @param channel the channel
	 */
	public ChannelOccupiedEvent(Object source, String channel) {
		super(source, channel);
	}

}
