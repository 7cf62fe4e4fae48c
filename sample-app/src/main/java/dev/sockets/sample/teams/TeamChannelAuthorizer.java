package dev.sockets.sample.teams;

import java.security.Principal;
import java.util.Map;

import dev.sockets.channel.AuthorizeChannel;
import dev.sockets.channel.ChannelVariable;
import dev.sockets.channel.PresenceMember;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Decides who may subscribe to a team's channels, whether pusher-js asks through the
 * authorization endpoint ({@code POST /sockets/auth}, as the user of that request) or
 * subscribes inline (as the user who opened the WebSocket).
 */
@Component
class TeamChannelAuthorizer {

	/**
	 * Grants the team's private channel to the members of the team; everyone else is
	 * refused: with 401 when anonymous, 403 when signed in.
	 * @param user who subscribes, {@code null} when anonymous
	 * @param team the team in the channel name
	 * @return whether the user is a member of the team
	 */
	@AuthorizeChannel(Teams.CHANNEL_PREFIX + "{team}")
	boolean team(@Nullable Principal user, @ChannelVariable String team) {
		return Teams.isMember(user, team);
	}

	/**
	 * Lets the members of the team into its presence channel, and says who they are
	 * there: the user name is the member's id, so two tabs of one user count once, and
	 * the display name travels to the others as the member's info. Everyone else gets
	 * {@code null}, which refuses them like {@code false} does.
	 * @param user who subscribes, {@code null} when anonymous
	 * @param team the team in the channel name
	 * @return the member, or {@code null} for a user outside the team
	 */
	@AuthorizeChannel(Teams.PRESENCE_PREFIX + "{team}")
	@Nullable PresenceMember presence(@Nullable Principal user, @ChannelVariable String team) {
		if (user == null || !Teams.isMember(user, team)) {
			return null;
		}
		return new PresenceMember(user.getName(), Map.of("name", Teams.displayName(user)));
	}

}
