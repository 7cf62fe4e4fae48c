package dev.sockets.presence;

import dev.sockets.channel.PresenceMember;

import org.springframework.context.ApplicationEvent;

/**
 * A change of a presence channel's members: {@link MemberAddedEvent} or
 * {@link MemberRemovedEvent}. Published once per change, on the node where it happened,
 * on the thread of the subscription; keep listeners quick or make them {@code @Async}.
 */
public abstract class MemberEvent extends ApplicationEvent {

	private final String channel;

	private final PresenceMember member;

	/**
	 * Creates the event.
	 * @param source the publisher
	 * @param channel the presence channel
	 * @param member the member concerned
	 */
	protected MemberEvent(Object source, String channel, PresenceMember member) {
		super(source);
		this.channel = channel;
		this.member = member;
	}

	/**
	 * The presence channel.
	 * @return its name
	 */
	public String getChannel() {
		return this.channel;
	}

	/**
	 * The member concerned.
	 * @return the member, with user id and info
	 */
	public PresenceMember getMember() {
		return this.member;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[channel=" + this.channel + ", userId=" + this.member.userId() + "]";
	}

}
