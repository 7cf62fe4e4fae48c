package dev.sockets.server;

import java.net.URI;

import dev.sockets.protocol.PusherError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionAttemptTests {

	@Test
	void acceptsOurKeyWithASupportedOrMissingProtocol() {
		assertThat(check("/app/key?protocol=7&client=js&version=8.4.0")).isNull();
		assertThat(check("/app/key?client=js&protocol=5")).isNull();
		assertThat(check("/app/key")).isNull();
		assertThat(check("/prefix/app/key?flash=false")).isNull();
	}

	@Test
	void refusesAnotherKey() {
		assertThat(check("/app/other?protocol=7").error()).isEqualTo(PusherError.APP_NOT_FOUND);
		assertThat(check("/app/?protocol=7").error()).isEqualTo(PusherError.APP_NOT_FOUND);
	}

	@Test
	void refusesProtocolsOutsideFiveToSeven() {
		assertThat(check("/app/key?protocol=4").error()).isEqualTo(PusherError.UNSUPPORTED_PROTOCOL);
		assertThat(check("/app/key?client=js&protocol=8").error()).isEqualTo(PusherError.UNSUPPORTED_PROTOCOL);
		assertThat(check("/app/key?protocol=").error()).isEqualTo(PusherError.UNSUPPORTED_PROTOCOL);
		assertThat(check("/app/key?protocol").error()).isEqualTo(PusherError.UNSUPPORTED_PROTOCOL);
	}

	@Test
	void readsTheFirstProtocolAndDecodesIt() {
		assertThat(check("/app/key?protocol=%37")).isNull();
		assertThat(check("/app/key?protocol=7&protocol=9")).isNull();
		assertThat(check("/app/key?protocols=9")).isNull();
	}

	@Test
	void anEscapedPercentIsNotADigit() {
		ConnectionAttempt.Refusal refusal = check("/app/key?protocol=%2537");
		assertThat(refusal.error()).isEqualTo(PusherError.UNSUPPORTED_PROTOCOL);
		assertThat(refusal.message()).contains("%37");
	}

	private static ConnectionAttempt.Refusal check(String uri) {
		return ConnectionAttempt.check(URI.create("ws://127.0.0.1" + uri), "key");
	}

}
