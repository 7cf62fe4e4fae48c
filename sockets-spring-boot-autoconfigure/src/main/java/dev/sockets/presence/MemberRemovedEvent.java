package dev.sockets.presence;

import dev.sockets.channel.PresenceMember;

/**
 * A user left a presence channel with their last connection (unsubscribed, closed or
 * dropped).
 */
public class MemberRemovedEvent extends MemberEvent {

	/**
	 * Creates the event.
	 * @param source the publisher
	 * @param channel the presence channel
	 * @param member the member
	 */
	public MemberRemovedEvent(Object source, String channel, PresenceMember member) {
		super(source, channel, member);
	}

}
