package dev.sockets.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChannelNameTests {

	@Test
	void acceptsEveryAllowedCharacterAndTheReservedPrefix() {
		assertThat(ChannelName.problem("Az09_-=@,.;")).isNull();
		assertThat(ChannelName.problem("#server-to-user-42")).isNull();
		assertThat(ChannelName.isReserved("#server-to-user-42")).isTrue();
		assertThat(ChannelName.problem("x".repeat(ChannelName.MAX_LENGTH))).isNull();
	}

	@Test
	void rejectsWhatBreaksTheRules() {
		assertThat(ChannelName.problem("")).contains("empty");
		assertThat(ChannelName.problem("x".repeat(201))).contains("201");
		assertThat(ChannelName.problem("a b")).contains("' '");
		assertThat(ChannelName.problem("a#b")).contains("'#'");
		assertThat(ChannelName.problem("#")).isNotNull();
		assertThat(ChannelName.problem("é")).isNotNull();
		assertThatExceptionOfType(InvalidChannelNameException.class).isThrownBy(() -> ChannelName.requireValid("a/b"));
	}

	@Test
	void typesFollowTheExactPrefixes() {
		assertThat(ChannelType.of("presence-room")).isEqualTo(ChannelType.PRESENCE);
		assertThat(ChannelType.of("private-encrypted-vault")).isEqualTo(ChannelType.PRIVATE_ENCRYPTED);
		assertThat(ChannelType.of("private-orders")).isEqualTo(ChannelType.PRIVATE);
		assertThat(ChannelType.of("privateorders")).isEqualTo(ChannelType.PUBLIC);
		assertThat(ChannelType.of("my-private-orders")).isEqualTo(ChannelType.PUBLIC);
	}

	@Test
	void cacheChannelsFollowTheExactPrefixesOfEveryType() {
		assertThat(ChannelName.isCache("cache-prices")).isTrue();
		assertThat(ChannelName.isCache("private-cache-prices")).isTrue();
		assertThat(ChannelName.isCache("private-encrypted-cache-prices")).isTrue();
		assertThat(ChannelName.isCache("presence-cache-room")).isTrue();
		assertThat(ChannelType.of("presence-cache-room")).isEqualTo(ChannelType.PRESENCE);
		assertThat(ChannelName.isCache("prices-cache-")).isFalse();
		assertThat(ChannelName.isCache("private-prices")).isFalse();
		assertThat(ChannelName.isCache("cache")).isFalse();
	}

}
