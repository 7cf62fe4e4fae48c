package dev.sockets.channel;

import org.jspecify.annotations.Nullable;

/**
 * What one authorizer decided about a subscription.
 *
 * @param verdict grant, deny or abstain
 * @param member for a granted presence subscription, the member it joins as; otherwise
 * {@code null}
 * @param reason for a denial, a message for the client; otherwise {@code null}
 */
public record ChannelDecision(Verdict verdict, @Nullable PresenceMember member, @Nullable String reason) {

	private static final ChannelDecision GRANT = new ChannelDecision(Verdict.GRANT, null, null);

	private static final ChannelDecision DENY = new ChannelDecision(Verdict.DENY, null, null);

	private static final ChannelDecision ABSTAIN = new ChannelDecision(Verdict.ABSTAIN, null, null);

	/**
	 * Grants the subscription.
	 * @return a grant
	 */
	public static ChannelDecision grant() {
		return GRANT;
	}

	/**
	 * Grants a presence subscription as the given member.
	 * @param member the member
	 * @return a grant
	 */
	public static ChannelDecision grant(PresenceMember member) {
		return new ChannelDecision(Verdict.GRANT, member, null);
	}

	/**
	 * Denies the subscription.
	 * @return a denial
	 */
	public static ChannelDecision deny() {
		return DENY;
	}

	/**
	 * Denies the subscription, telling the client why.
	 * @param reason a short message sent in the subscription error
	 * @return a denial
	 */
	public static ChannelDecision deny(String reason) {
		return new ChannelDecision(Verdict.DENY, null, reason);
	}

	/**
	 * Leaves the decision to the other authorizers.
	 * @return an abstention
	 */
	public static ChannelDecision abstain() {
		return ABSTAIN;
	}

	/**
	 * The three possible verdicts.
	 */
	public enum Verdict {

		/** Allows the subscription, unless another authorizer denies it. */
		GRANT,

		/** Refuses the subscription, whatever the others say. */
		DENY,

		/** Neither. */
		ABSTAIN

	}

}
