package dev.sockets.channel;

import org.jspecify.annotations.Nullable;

/**
 * Internal: what the authorizer pipeline decided about a subscription, in the terms a
 * client is told: granted (with the presence member, if any), or refused with an HTTP
 * status — 401 when the connection has no principal, 403 when it has one, 503 when the
 * server could not decide in time — and a message.
 *
 * @param granted whether the subscription may go ahead
 * @param status 200 when granted, else 401, 403 or 503
 * @param message why it was refused, or {@code null}
 * @param member the presence member, for a granted presence subscription
 */
public record AuthorizationResult(boolean granted, int status, @Nullable String message,
		@Nullable PresenceMember member) {

	static AuthorizationResult grant(@Nullable PresenceMember member) {
		return new AuthorizationResult(true, 200, null, member);
	}

	static AuthorizationResult deny(SubscriptionRequest request, String message) {
		return new AuthorizationResult(false, (request.principal() != null) ? 403 : 401, message, null);
	}

	static AuthorizationResult unavailable(String message) {
		return new AuthorizationResult(false, 503, message, null);
	}

}
