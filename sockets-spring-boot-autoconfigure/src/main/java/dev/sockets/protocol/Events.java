package dev.sockets.protocol;

/**
 * Internal: event names of the Pusher protocol.
 */
public final class Events {

	/** Server: the first message on a connection. */
	static final String CONNECTION_ESTABLISHED = "pusher:connection_established";

	/** Both directions: an error. */
	static final String ERROR = "pusher:error";

	/** Both directions: are you there? */
	public static final String PING = "pusher:ping";

	/** Both directions: the answer to a ping. */
	public static final String PONG = "pusher:pong";

	/** Client: subscribe to a channel. */
	public static final String SUBSCRIBE = "pusher:subscribe";

	/** Client: unsubscribe from a channel. */
	public static final String UNSUBSCRIBE = "pusher:unsubscribe";

	/** Client: sign in as a user. */
	public static final String SIGNIN = "pusher:signin";

	/** Server: a subscription succeeded. */
	public static final String SUBSCRIPTION_SUCCEEDED = "pusher_internal:subscription_succeeded";

	/** A channel's subscriber count, when subscription counts are enabled. */
	public static final String SUBSCRIPTION_COUNT = "pusher_internal:subscription_count";

	/** Sent after subscribing to a cache channel that holds no event. */
	static final String CACHE_MISS = "pusher:cache_miss";

	/**
	 * Our extension: a subscription's position could not be recovered; data
	 * {@code {"reason":…}}, the frame's {@code position} where the channel continues.
	 */
	public static final String RECOVERY_FAILED = "pusher:recovery_failed";

	/**
	 * Our extension: moves the position of the connection a broadcast left out past it;
	 * pusher-js ignores {@code pusher_internal:} events it does not know.
	 */
	public static final String POSITION = "pusher_internal:position";

	/** Prefix reserved for the protocol's own events. */
	static final String PUSHER_PREFIX = "pusher:";

	/** A member joined a presence channel. */
	public static final String MEMBER_ADDED = "pusher_internal:member_added";

	/** A member left a presence channel. */
	public static final String MEMBER_REMOVED = "pusher_internal:member_removed";

	/** Prefix reserved for the server's internal events. */
	static final String INTERNAL_PREFIX = "pusher_internal:";

	/** Prefix of events clients send to each other. */
	public static final String CLIENT_PREFIX = "client-";

	/** Longest event name the HTTP API accepts, as the Pusher SDKs enforce. */
	public static final int MAX_NAME_LENGTH = 200;

	private Events() {
	}

	/**
	 * Whether an event name is reserved for the protocol and may not be published.
	 * @param name an event name
	 * @return {@code true} for {@code pusher:} and {@code pusher_internal:} names
	 */
	public static boolean isReserved(String name) {
		// whatever the case: PUSHER:foo must not pass for an application's event
		return name.regionMatches(true, 0, PUSHER_PREFIX, 0, PUSHER_PREFIX.length())
				|| name.regionMatches(true, 0, INTERNAL_PREFIX, 0, INTERNAL_PREFIX.length());
	}

}
