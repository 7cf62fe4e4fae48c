package dev.sockets.sample.security;

import java.security.Principal;

import dev.sockets.sample.teams.Teams;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the page who is signed in, and hands out the CSRF token it needs for its posts.
 */
@RestController
class CurrentUserController {

	/**
	 * The current user.
	 * @param user the user, {@code null} when anonymous
	 * @param csrf the CSRF token: Spring Security creates it lazily and only then sets
	 * the {@code XSRF-TOKEN} cookie, so reading it here makes sure the page has one
	 * @return the user and team, or nulls when anonymous
	 */
	@GetMapping("/me")
	CurrentUser me(@Nullable Principal user, CsrfToken csrf) {
		csrf.getToken();
		return new CurrentUser((user != null) ? user.getName() : null, Teams.teamOf(user));
	}

}
