package dev.sockets.sample.teams;

import java.security.Principal;
import java.util.Map;

import dev.sockets.channel.PresenceMember;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TeamChannelAuthorizer} on its own: who may join which team's channels, and as
 * which presence member.
 */
class TeamChannelAuthorizerTests {

	private final TeamChannelAuthorizer authorizer = new TeamChannelAuthorizer();

	@Test
	void grantsMembersOfTheTeamOnly() {
		Principal alice = user("alice", Teams.authority("red"));

		assertThat(this.authorizer.team(alice, "red")).isTrue();
		assertThat(this.authorizer.team(alice, "blue")).isFalse();
		assertThat(this.authorizer.team(alice, "re")).isFalse();
	}

	@Test
	void refusesAnonymousUsersAndUsersInNoTeam() {
		assertThat(this.authorizer.team(null, "red")).isFalse();
		assertThat(this.authorizer.team(user("dave", "ROLE_USER"), "red")).isFalse();
		assertThat(this.authorizer.team(() -> "red", "red")).as("a principal that is no Authentication").isFalse();
	}

	@Test
	void refusesAnAuthenticationThatIsNotAuthenticated() {
		Principal unauthenticated = UsernamePasswordAuthenticationToken.unauthenticated("alice", "alice-secret");

		assertThat(this.authorizer.team(unauthenticated, "red")).isFalse();
	}

	@Test
	void letsMembersOfTheTeamIntoItsPresenceChannelAsThemselvesWithTheirDisplayName() {
		Principal alice = user("alice", Teams.authority("red"));

		assertThat(this.authorizer.presence(alice, "red"))
			.isEqualTo(new PresenceMember("alice", Map.of("name", "Alice")));
		assertThat(this.authorizer.presence(user("bob", Teams.authority("red")), "red"))
			.isEqualTo(new PresenceMember("bob", Map.of("name", "Bob")));
	}

	@Test
	void keepsEveryoneElseOutOfThePresenceChannel() {
		assertThat(this.authorizer.presence(user("alice", Teams.authority("red")), "blue")).isNull();
		assertThat(this.authorizer.presence(user("dave", "ROLE_USER"), "red")).isNull();
		assertThat(this.authorizer.presence(null, "red")).isNull();
		assertThat(this.authorizer
			.presence(UsernamePasswordAuthenticationToken.unauthenticated("alice", "alice-secret"), "red")).isNull();
	}

	private static Principal user(String name, String... authorities) {
		return UsernamePasswordAuthenticationToken.authenticated(name, null,
				AuthorityUtils.createAuthorityList(authorities));
	}

}
