package dev.sockets.channel;

import org.jspecify.annotations.Nullable;

/**
 * One authorizer in the pipeline and the channels it decides on.
 */
interface AuthorizerStep {

	/**
	 * Whether this step decides on a channel.
	 * @param channel the channel name
	 * @return {@code true} if its pattern matches
	 */
	boolean matches(String channel);

	/**
	 * Decides on a subscription to a matching channel.
	 * @param request the subscription
	 * @return the decision; {@code null} abstains
	 * @throws Exception whatever the authorizer throws, which denies
	 */
	@Nullable ChannelDecision decide(SubscriptionRequest request) throws Exception;

	/**
	 * Names the authorizer for logs and errors.
	 * @return e.g. {@code teamChannels.team(Principal, long)}
	 */
	String description();

	/**
	 * A {@link ChannelAuthorizer} bean: it sees every channel.
	 *
	 * @param authorizer the bean
	 * @param description its name
	 */
	record OfBean(ChannelAuthorizer authorizer, String description) implements AuthorizerStep {

		@Override
		public boolean matches(String channel) {
			return true;
		}

		@Override
		public @Nullable ChannelDecision decide(SubscriptionRequest request) {
			return this.authorizer.authorize(request);
		}

	}

}
