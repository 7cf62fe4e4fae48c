package dev.sockets.test.kit;

import java.security.Principal;
import java.util.Map;

import dev.sockets.broker.Broadcaster;
import dev.sockets.channel.AuthorizeChannel;
import dev.sockets.channel.ChannelVariable;
import dev.sockets.channel.PresenceMember;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application as a user of the starter writes one: HTTP Basic users in teams, an
 * authorizer for team channels, and a controller that broadcasts.
 */
@SpringBootApplication
public class KitApplication {

	static boolean isMember(@Nullable Principal user, String team) {
		return user instanceof org.springframework.security.core.Authentication authentication
				&& authentication.getAuthorities()
					.stream()
					.anyMatch((authority) -> authority.getAuthority().equals("ROLE_" + team));
	}

	@Component
	static class TeamAuthorizer {

		@AuthorizeChannel("private-team.{team}")
		boolean team(@Nullable Principal user, @ChannelVariable String team) {
			return isMember(user, team);
		}

		@AuthorizeChannel("presence-team.{team}")
		@Nullable PresenceMember presence(@Nullable Principal user, @ChannelVariable String team) {
			return (user != null && isMember(user, team)) ? new PresenceMember(user.getName(), Map.of("team", team))
					: null;
		}

	}

	@RestController
	static class OrderController {

		private final Broadcaster broadcaster;

		OrderController(Broadcaster broadcaster) {
			this.broadcaster = broadcaster;
		}

		@PostMapping("/orders/{id}/ship")
		Map<String, String> ship(@PathVariable String id) {
			this.broadcaster.to("orders").emit("order.shipped", Map.of("id", id));
			return Map.of("shipped", id);
		}

	}

}
