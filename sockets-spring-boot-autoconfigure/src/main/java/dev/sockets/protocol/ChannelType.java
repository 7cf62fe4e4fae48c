package dev.sockets.protocol;

/**
 * The kind of a channel, given by its name's prefix.
 */
public enum ChannelType {

	/** Anyone may subscribe. */
	PUBLIC,

	/** {@code private-}: a subscription needs an authorization. */
	PRIVATE,

	/**
	 * {@code private-encrypted-}: authorized like a private channel; the server relays
	 * ciphertext.
	 */
	PRIVATE_ENCRYPTED,

	/** {@code presence-}: authorized, and its members are announced to each other. */
	PRESENCE;

	/**
	 * The type of the channel with this name.
	 * @param name a channel name
	 * @return its type
	 */
	public static ChannelType of(String name) {
		if (name.startsWith("presence-")) {
			return PRESENCE;
		}
		if (name.startsWith("private-encrypted-")) {
			return PRIVATE_ENCRYPTED;
		}
		if (name.startsWith("private-")) {
			return PRIVATE;
		}
		return PUBLIC;
	}

	/**
	 * Whether subscribing needs an authorization.
	 * @return {@code true} for private, encrypted and presence channels
	 */
	public boolean requiresAuthorization() {
		return this != PUBLIC;
	}

}
