package dev.sockets.channel;

import org.jspecify.annotations.Nullable;

/**
 * A user as seen in a presence channel: an id, counted once however many connections the
 * user has, and optional information shown to the other members.
 *
 * @param userId the user's id
 * @param userInfo any value Jackson can write (a map, a record), or {@code null}
 */
public record PresenceMember(String userId, @Nullable Object userInfo) {

	/**
	 * Creates a member.
	 * @param userId the user's id, not empty
	 * @param userInfo any value Jackson can write, or {@code null}
	 */
	public PresenceMember {
		if (userId == null || userId.isEmpty()) {
			throw new IllegalArgumentException("A presence member needs a non-empty user id");
		}
	}

	/**
	 * A member without user information.
	 * @param userId the user's id
	 * @return the member
	 */
	public static PresenceMember of(String userId) {
		return new PresenceMember(userId, null);
	}

}
