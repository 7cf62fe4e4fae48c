package dev.sockets.test.client;

import org.jspecify.annotations.Nullable;

/**
 * A subscription the server or the application's authorization endpoint refused.
 */
public final class SubscriptionRefusedException extends RuntimeException {

	private final String channel;

	private final int status;

	private final @Nullable String type;

	SubscriptionRefusedException(String channel, int status, @Nullable String type, String message) {
		super("Subscription to " + channel + " refused (" + status + ((type != null) ? ", " + type : "") + "): "
				+ message);
		this.channel = channel;
		this.status = status;
		this.type = type;
	}

	/**
	 * The channel.
	 * @return its name
	 */
	public String channel() {
		return this.channel;
	}

	/**
	 * The HTTP status of the refusal: the authorization endpoint's answer, or the
	 * {@code status} of {@code pusher:subscription_error}.
	 * @return the status, 403 for a refused authorization
	 */
	public int status() {
		return this.status;
	}

	/**
	 * The {@code type} of {@code pusher:subscription_error} ({@code AuthError}, say), or
	 * {@code null} when the authorization endpoint refused before subscribing.
	 * @return the type
	 */
	public @Nullable String type() {
		return this.type;
	}

}
