package dev.sockets.channel;

import org.jspecify.annotations.Nullable;

/**
 * Decides on subscriptions; beans implementing it join the authorizer pipeline together
 * with {@link AuthorizeChannel @AuthorizeChannel} methods.
 * <p>
 * For every subscription, through the authorization endpoint or inline on the socket,
 * every authorizer whose pattern matches is consulted in
 * {@link org.springframework.core.annotation.Order order} (an implementation of this
 * interface matches every channel and abstains from those it does not handle). Each
 * grants, denies or abstains. The first denial ends the pipeline and wins; a private,
 * encrypted or presence channel needs at least one grant; a public channel is open unless
 * denied. An authorizer that throws or exceeds {@code sockets.authorization.timeout}
 * denies, is logged, and never closes the connection.
 * <p>
 * Threading: called on the authorization thread pool, concurrently for different
 * subscriptions; it may block (for a database lookup, say) within the timeout.
 */
@FunctionalInterface
public interface ChannelAuthorizer {

	/**
	 * Decides on one subscription.
	 * @param request the channel, the connection's principal and socket id
	 * @return a grant, a denial or an abstention; {@code null} abstains
	 */
	@Nullable ChannelDecision authorize(SubscriptionRequest request);

}
