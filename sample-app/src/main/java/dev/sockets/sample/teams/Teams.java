package dev.sockets.sample.teams;

import java.security.Principal;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Team membership, which a user carries as the authority {@code TEAM_<team>} (see
 * {@code SecurityConfiguration}), and the names of each team's channels.
 */
public final class Teams {

	/** The prefix of the authority that makes a user a member of a team. */
	public static final String AUTHORITY_PREFIX = "TEAM_";

	/** The prefix of every team channel; private, so subscribing needs authorization. */
	public static final String CHANNEL_PREFIX = "private-team.";

	/**
	 * The prefix of every team's presence channel, which tells the members who of the
	 * team is online.
	 */
	public static final String PRESENCE_PREFIX = "presence-team.";

	private Teams() {
	}

	/**
	 * The authority of a team's members.
	 * @param team the team
	 * @return its authority
	 */
	public static String authority(String team) {
		return AUTHORITY_PREFIX + team;
	}

	/**
	 * The channel of a team.
	 * @param team the team
	 * @return {@code private-team.<team>}
	 */
	public static String channel(String team) {
		return CHANNEL_PREFIX + team;
	}

	/**
	 * The presence channel of a team.
	 * @param team the team
	 * @return {@code presence-team.<team>}
	 */
	public static String presenceChannel(String team) {
		return PRESENCE_PREFIX + team;
	}

	/**
	 * The name the other members see: the user name, capitalized. A real application
	 * would take it from the user's profile.
	 * @param user the user
	 * @return the name to show, such as {@code Alice} for {@code alice}
	 */
	public static String displayName(Principal user) {
		String name = user.getName();
		return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
	}

	/**
	 * The team of a user.
	 * @param user the user, {@code null} when anonymous
	 * @return the team, or {@code null} when the user is anonymous or in no team
	 */
	public static @Nullable String teamOf(@Nullable Principal user) {
		if (!(user instanceof Authentication authentication) || !authentication.isAuthenticated()) {
			return null;
		}
		for (GrantedAuthority granted : authentication.getAuthorities()) {
			String authority = granted.getAuthority();
			if (authority != null && authority.startsWith(AUTHORITY_PREFIX)) {
				return authority.substring(AUTHORITY_PREFIX.length());
			}
		}
		return null;
	}

	/**
	 * Whether a user is a member of a team.
	 * @param user the user, {@code null} when anonymous
	 * @param team the team
	 * @return {@code true} for a member
	 */
	public static boolean isMember(@Nullable Principal user, String team) {
		return team.equals(teamOf(user));
	}

}
