package dev.sockets.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Internal: the {@code auth} token of a private or presence subscription:
 * {@code <app_key>:<hex HMAC-SHA256>} over {@code <socket_id>:<channel>} or, for
 * presence, {@code <socket_id>:<channel>:<channel_data>}.
 */
public final class ChannelAuth {

	private final String appKey;

	private final Signatures signatures;

	/**
	 * Creates the signer and verifier of one app.
	 * @param appKey the app key
	 * @param signatures signatures with the app secret
	 */
	public ChannelAuth(String appKey, Signatures signatures) {
		this.appKey = appKey;
		this.signatures = signatures;
	}

	/**
	 * Signs a subscription.
	 * @param socketId the subscribing socket
	 * @param channel the channel
	 * @param channelData the exact presence {@code channel_data} string, or {@code null}
	 * @return the {@code auth} value
	 */
	public String sign(String socketId, String channel, @Nullable String channelData) {
		return this.appKey + ":" + this.signatures.sign(stringToSign(socketId, channel, channelData));
	}

	/**
	 * What is wrong with a subscription's {@code auth}, or {@code null} when it is valid
	 * for exactly this socket, channel and channel data (so a token made for another
	 * socket or channel cannot be replayed).
	 * @param auth the {@code auth} value received
	 * @param socketId the subscribing socket
	 * @param channel the channel
	 * @param channelData the exact presence {@code channel_data} string received, or
	 * {@code null}
	 * @return the problem, or {@code null}
	 */
	public @Nullable String problem(@Nullable String auth, String socketId, String channel,
			@Nullable String channelData) {
		if (auth == null || auth.isEmpty()) {
			return "Subscribing to " + channel + " needs an 'auth' signature from the authorization endpoint";
		}
		int colon = auth.indexOf(':');
		if (colon < 0) {
			return "Auth value for subscription to " + channel + " is invalid: should be of format 'key:signature'";
		}
		if (!Signatures.constantTimeEquals(this.appKey, auth.substring(0, colon))) {
			return "Invalid key in subscription auth data";
		}
		if (!this.signatures.verify(stringToSign(socketId, channel, channelData), auth.substring(colon + 1))) {
			return "Invalid signature: expected HMAC SHA256 hex digest of " + socketId + ":" + channel
					+ ((channelData != null) ? ":<channel_data>" : "");
		}
		return null;
	}

	/**
	 * Signs a user sign-in: {@code <socket_id>::user::<user_data>}.
	 * @param socketId the signing-in socket
	 * @param userData the exact {@code user_data} string
	 * @return the {@code auth} value
	 */
	public String signUser(String socketId, String userData) {
		return this.appKey + ":" + this.signatures.sign(socketId + "::user::" + userData);
	}

	/**
	 * What is wrong with a sign-in's {@code auth}, or {@code null} when it is valid for
	 * exactly this socket and user data.
	 * @param auth the {@code auth} value received
	 * @param socketId the signing-in socket
	 * @param userData the exact {@code user_data} string received
	 * @return the problem, or {@code null}
	 */
	public @Nullable String userProblem(@Nullable String auth, String socketId, String userData) {
		if (auth == null || auth.indexOf(':') < 0) {
			return "Sign-in needs an 'auth' of the form 'key:signature' from the user authentication endpoint";
		}
		int colon = auth.indexOf(':');
		if (!Signatures.constantTimeEquals(this.appKey, auth.substring(0, colon))) {
			return "Invalid key in sign-in auth data";
		}
		if (!this.signatures.verify(socketId + "::user::" + userData, auth.substring(colon + 1))) {
			return "Invalid signature: expected HMAC SHA256 hex digest of " + socketId + "::user::<user_data>";
		}
		return null;
	}

	private static String stringToSign(String socketId, String channel, @Nullable String channelData) {
		return (channelData != null) ? socketId + ":" + channel + ":" + channelData : socketId + ":" + channel;
	}

}
