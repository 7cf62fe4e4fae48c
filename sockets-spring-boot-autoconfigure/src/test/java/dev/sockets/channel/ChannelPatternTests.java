package dev.sockets.channel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChannelPatternTests {

	@Test
	void variablesCaptureOneDotSeparatedPart() {
		ChannelPattern pattern = ChannelPattern.parse("private-team.{teamId}");
		assertThat(pattern.matches("private-team.42")).isTrue();
		assertThat(pattern.variables("private-team.42"))
			.containsExactly(org.assertj.core.api.Assertions.entry("teamId", "42"));
		assertThat(pattern.matches("private-team.4.2")).isFalse();
		assertThat(pattern.matches("private-team")).isFalse();
		assertThat(pattern.matches("private-teams.42")).isFalse();
		assertThat(pattern.variableNames()).containsExactly("teamId");
	}

	@Test
	void severalVariablesAndRegexConstraints() {
		ChannelPattern pattern = ChannelPattern.parse("presence-org.{org}.room.{room:\\d{1,3}}");
		assertThat(pattern.variables("presence-org.acme.room.7")).containsEntry("org", "acme")
			.containsEntry("room", "7");
		assertThat(pattern.matches("presence-org.acme.room.1234")).isFalse();
		assertThat(pattern.matches("presence-org.acme.room.x")).isFalse();
	}

	@Test
	void wildcardsMatchWithinAPartOrAcrossParts() {
		assertThat(ChannelPattern.parse("private-*").matches("private-orders")).isTrue();
		assertThat(ChannelPattern.parse("private-*").matches("private-orders.1")).isFalse();
		assertThat(ChannelPattern.parse("private-orders.**").matches("private-orders.1.items")).isTrue();
		assertThat(ChannelPattern.parse("**").matches("anything.at.all")).isTrue();
	}

	@Test
	void literalPatternsMatchExactlyAndKeepChannelNameCharacters() {
		ChannelPattern pattern = ChannelPattern.parse("private-a=b@c,d;e_f");
		assertThat(pattern.matches("private-a=b@c,d;e_f")).isTrue();
		assertThat(pattern.matches("private-a=b@c,d;e_g")).isFalse();
	}

	@Test
	void badPatternsAreRejectedWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelPattern.parse("")).withMessageContaining("empty");
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelPattern.parse("private-team/{id}"))
			.withMessageContaining("may only contain the characters of channel names");
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelPattern.parse("private team"))
			.withMessageContaining("may only contain");
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelPattern.parse("private-team.{id"))
			.withMessageContaining("unclosed '{'");
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelPattern.parse("private-team.id}"))
			.withMessageContaining("may only contain");
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelPattern.parse("private-team.{1d}"))
			.withMessageContaining("bad variable name '1d'");
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelPattern.parse("private-{id}.{id}"))
			.withMessageContaining("uses the variable 'id' twice");
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelPattern.parse("private-{id:[0-9}"))
			.withMessageContaining("bad regular expression");
	}

}
