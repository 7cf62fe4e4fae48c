package dev.sockets.presence;

import dev.sockets.channel.PresenceMember;

/**
 * A user joined a presence channel with their first connection.
 */
public class MemberAddedEvent extends MemberEvent {

	/**
	 * Creates the event.
	 * @param source the publisher
	 * @param channel the presence channel
	 * @param member the member
	 */
	public MemberAddedEvent(Object source, String channel, PresenceMember member) {
		super(source, channel, member);
	}

}
