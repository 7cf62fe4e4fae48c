package dev.sockets.sample.chat;

import java.security.Principal;

import dev.sockets.channel.ChannelAuthorizer;
import dev.sockets.channel.ChannelDecision;
import dev.sockets.channel.SubscriptionRequest;

import org.springframework.stereotype.Component;

/**
 * Grants each user's private channel, {@code private-user.<name>}, to that user alone. A
 * {@link ChannelAuthorizer} bean sees every subscription, so it abstains from every other
 * channel and leaves them to the other authorizers (the team channels'
 * {@code @AuthorizeChannel} methods).
 */
@Component
class UserChannelAuthorizer implements ChannelAuthorizer {

	static final String PREFIX = "private-user.";

	static String channel(String user) {
		return PREFIX + user;
	}

	@Override
	public ChannelDecision authorize(SubscriptionRequest request) {
		if (!request.channel().startsWith(PREFIX)) {
			return ChannelDecision.abstain();
		}
		Principal user = request.principal();
		String owner = request.channel().substring(PREFIX.length());
		if (user != null && user.getName().equals(owner)) {
			return ChannelDecision.grant();
		}
		// the starter answers 401 when nobody is signed in, 403 otherwise
		return ChannelDecision.deny("Only " + owner + " may subscribe to " + request.channel());
	}

}
