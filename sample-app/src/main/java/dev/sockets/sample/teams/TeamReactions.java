package dev.sockets.sample.teams;

import java.security.Principal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.sockets.broker.Broadcaster;
import dev.sockets.channel.ChannelVariable;
import dev.sockets.channel.ClientEventContext;
import dev.sockets.channel.ClientEventHandler;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Reactions in a team room, sent by pusher-js as a client event over the WebSocket rather
 * than posted over HTTP. Unlike a relayed client event ({@code client-typing}), the
 * server checks each one and says who sent it: a valid reaction goes to the other members
 * as {@code team.reaction} and back to the sender as {@code client-reaction-reply}; an
 * invalid one only to the sender, as {@code client-reaction-error} naming the field.
 */
@Component
class TeamReactions {

	static final String EVENT = "team.reaction";

	private final Broadcaster broadcaster;

	TeamReactions(Broadcaster broadcaster) {
		this.broadcaster = broadcaster;
	}

	@ClientEventHandler(channel = Teams.CHANNEL_PREFIX + "{team}", event = "client-reaction")
	TeamReaction react(@Valid ReactionRequest request, @Nullable Principal user, @ChannelVariable String team,
			ClientEventContext event) {
		// The sender is subscribed, so a member authorized it, but not necessarily as the
		// user of its connection: an anonymous connection may have been signed for at
		// the authorization endpoint. The author must be whoever the connection is.
		if (user == null || !Teams.isMember(user, team)) {
			throw new AccessDeniedException("Only a connection signed in as a member of team " + team + " may react");
		}
		// @Valid guarantees the reaction is one of the allowed ones
		TeamReaction reaction = new TeamReaction(team, user.getName(), String.valueOf(request.reaction()),
				Instant.now().truncatedTo(ChronoUnit.MILLIS));
		this.broadcaster.to(event.channel()).except(event.socketId()).emit(EVENT, reaction);
		return reaction;
	}

}
