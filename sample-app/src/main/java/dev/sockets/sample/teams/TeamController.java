package dev.sockets.sample.teams;

import java.security.Principal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.sockets.broker.Broadcaster;
import dev.sockets.broker.ChannelHistory;
import dev.sockets.channel.PresenceMember;
import dev.sockets.presence.RoomManager;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accepts a team member's message over HTTP and broadcasts it to the team's private
 * channel, and tells a member who of the team is online. Spring Security lets only
 * signed-in users through (see {@code SecurityConfiguration}); this controller checks
 * that they are in the team.
 */
@RestController
@RequestMapping("/teams")
class TeamController {

	static final String EVENT = "team.message";

	/** How many of a team's latest events {@code GET /teams/{team}/messages} answers. */
	static final int RECENT = 50;

	private final Broadcaster broadcaster;

	private final RoomManager rooms;

	private final ChannelHistory history;

	TeamController(Broadcaster broadcaster, RoomManager rooms, ChannelHistory history) {
		this.broadcaster = broadcaster;
		this.rooms = rooms;
		this.history = history;
	}

	@PostMapping("/{team}/messages")
	TeamMessage post(@PathVariable String team, @Valid @RequestBody PostTeamMessageRequest request, Principal user) {
		checkMember(user, team);
		// @Valid guarantees the text is non-blank
		String text = (request.text() != null) ? request.text().strip() : "";
		TeamMessage message = new TeamMessage(team, user.getName(), text, Instant.now().truncatedTo(ChronoUnit.MILLIS));
		this.broadcaster.to(Teams.channel(team)).except(request.socketId()).emit(EVENT, message);
		return message;
	}

	/**
	 * The team channel's latest events (its messages and reactions), oldest first, read
	 * from its history: what the page loads when {@code pusher:recovery_failed} tells it
	 * that it could not get what it missed.
	 * @param team the team
	 * @param user the signed-in user, who must be in the team
	 * @return the events as recorded (name, data, position) and the channel's position
	 */
	@GetMapping("/{team}/messages")
	CompletableFuture<ChannelHistory.Recent> recent(@PathVariable String team, Principal user) {
		checkMember(user, team);
		return this.history.recent(Teams.channel(team), RECENT);
	}

	/**
	 * Who of the team is online: the members of its presence channel, in the order they
	 * joined, each once however many tabs they have open.
	 * @param team the team
	 * @param user the signed-in user, who must be in the team
	 * @return the members, with the info they joined with
	 */
	@GetMapping("/{team}/online")
	List<PresenceMember> online(@PathVariable String team, Principal user) {
		checkMember(user, team);
		return this.rooms.members(Teams.presenceChannel(team));
	}

	private static void checkMember(Principal user, String team) {
		if (!Teams.isMember(user, team)) {
			throw new NotAMemberException(user.getName(), team);
		}
	}

	@ExceptionHandler
	ProblemDetail notAMember(NotAMemberException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
		problem.setTitle("Not a member of the team");
		return problem;
	}

	static final class NotAMemberException extends RuntimeException {

		NotAMemberException(String user, String team) {
			super(user + " is not a member of team " + team);
		}

	}

}
