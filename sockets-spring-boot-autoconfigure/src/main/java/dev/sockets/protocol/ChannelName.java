package dev.sockets.protocol;

/**
 * Internal: Pusher's channel naming rules: characters {@code [A-Za-z0-9_\-=@,.;]}, an
 * optional leading {@code #} for reserved internal channels, and at most
 * {@value #MAX_LENGTH} characters.
 */
public final class ChannelName {

	/**
	 * Longest accepted name. Pusher documents 164; its Node SDK lets 200 through, so the
	 * server accepts what any SDK can send.
	 */
	public static final int MAX_LENGTH = 200;

	/** The prefix of the channels the nodes of a cluster talk to each other on. */
	public static final String INTERNAL_PREFIX = "#sockets.";

	private ChannelName() {
	}

	/**
	 * Checks a channel name.
	 * @param name the candidate name
	 * @return {@code name}
	 * @throws InvalidChannelNameException naming the rule it breaks
	 */
	static String requireValid(String name) {
		String problem = problem(name);
		if (problem != null) {
			throw new InvalidChannelNameException(problem);
		}
		return name;
	}

	/**
	 * The rule a name breaks, or {@code null} when it is valid.
	 * @param name the candidate name
	 * @return a sentence naming the problem, or {@code null}
	 */
	public static @org.jspecify.annotations.Nullable String problem(String name) {
		if (name.isEmpty()) {
			return "Channel name must not be empty";
		}
		if (name.length() > MAX_LENGTH) {
			return "Channel name is " + name.length() + " characters long; the limit is " + MAX_LENGTH;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!isAllowed(c) && !(c == '#' && i == 0)) {
				return "Channel name contains '" + c + "'; allowed are A-Z, a-z, 0-9 and _ - = @ , . ;";
			}
		}
		if (name.equals("#")) {
			return "Channel name must not be '#' alone";
		}
		return null;
	}

	/**
	 * The rule a name breaks as the target of a publication (a {@code Broadcaster} or the
	 * HTTP API), or {@code null} when it may be published to: a valid name outside the
	 * starter's own internal channels.
	 * @param name the candidate name
	 * @return a sentence naming the problem, or {@code null}
	 */
	public static @org.jspecify.annotations.Nullable String publishProblem(String name) {
		String problem = problem(name);
		if (problem == null && isInternal(name)) {
			return "Channel names starting with '" + INTERNAL_PREFIX + "' are reserved for the cluster's own traffic";
		}
		return problem;
	}

	/**
	 * Checks a channel name as the target of a publication.
	 * @param name the candidate name
	 * @return {@code name}
	 * @throws InvalidChannelNameException naming the rule it breaks
	 */
	public static String requirePublishable(String name) {
		String problem = publishProblem(name);
		if (problem != null) {
			throw new InvalidChannelNameException(problem);
		}
		return name;
	}

	/**
	 * Whether a name belongs to the starter's own traffic between nodes, whatever its
	 * case: no application and no client may publish there.
	 * @param name a channel name
	 * @return {@code true} when it starts with {@value #INTERNAL_PREFIX}, ignoring case
	 */
	static boolean isInternal(String name) {
		return name.regionMatches(true, 0, INTERNAL_PREFIX, 0, INTERNAL_PREFIX.length());
	}

	/**
	 * Whether a name is reserved for the server ({@code #server-to-user-…} and other
	 * {@code #} channels).
	 * @param name a valid channel name
	 * @return {@code true} when it starts with {@code #}
	 */
	public static boolean isReserved(String name) {
		return name.startsWith("#");
	}

	/**
	 * Whether a channel is a cache channel ({@code cache-}, {@code private-cache-},
	 * {@code private-encrypted-cache-} or {@code presence-cache-}), whose last broadcast
	 * event a new subscriber receives right after subscribing.
	 * @param name a valid channel name
	 * @return {@code true} for a cache channel
	 */
	public static boolean isCache(String name) {
		return name.startsWith("cache-") || name.startsWith("private-cache-")
				|| name.startsWith("private-encrypted-cache-") || name.startsWith("presence-cache-");
	}

	private static boolean isAllowed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
				|| c == '=' || c == '@' || c == ',' || c == '.' || c == ';';
	}

}
