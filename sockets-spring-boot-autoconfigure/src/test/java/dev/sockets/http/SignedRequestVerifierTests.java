package dev.sockets.http;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.sockets.protocol.Signatures;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The published Pusher vectors (app 3) and the digest's own vectors (app 1234), checked
 * against the pusher npm SDK.
 */
class SignedRequestVerifierTests {

	private static SignedRequestVerifier verifier(String key, String secret, long now) {
		return new SignedRequestVerifier(key, new Signatures(secret), Duration.ofSeconds(600),
				Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
	}

	@Test
	void acceptsPushersPublishedExample() {
		String body = "{\"name\":\"foo\",\"channels\":[\"project-3\"],\"data\":\"{\\\"some\\\":\\\"data\\\"}\"}";
		String query = "auth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0"
				+ "&body_md5=ec365a775a4cd0599faeb73354201b6f"
				+ "&auth_signature=da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c";
		assertThat(verifier("278d425bdf160c739803", "7ad3773142a6692b25b8", 1353088179).verify("POST", "/apps/3/events",
				query, body.getBytes(StandardCharsets.UTF_8)))
			.containsEntry("auth_version", "1.0");
	}

	@Test
	void acceptsTheSdkSignedPublish() {
		String body = "{\"name\":\"order.shipped\",\"data\":\"{\\\"id\\\":42}\",\"channels\":[\"private-orders.42\"]}";
		String query = "auth_key=app-key&auth_timestamp=1700000000&auth_version=1.0"
				+ "&body_md5=2253ff89f646d3a58a36b611502af8df"
				+ "&auth_signature=723731fed7e5b166f7c2e5e296432215e79927ae3b3e50406f28f5505ce0d4a0";
		SignedRequestVerifier verifier = verifier("app-key", "app-secret", 1700000300);
		verifier.verify("POST", "/apps/1234/events", query, body.getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(ApiException.class).isThrownBy(
				() -> verifier.verify("POST", "/prefix/apps/1234/events", query, body.getBytes(StandardCharsets.UTF_8)))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.UNAUTHORIZED));
	}

	@Test
	void verifiesGetRequestsWithPhpStyleEncodedCommas() {
		String query = "auth_key=app-key&auth_timestamp=1700000000&auth_version=1.0&info=subscription_count%2Ccache"
				+ "&auth_signature=654d97ba5006af53ce2ac7283ac9eeefe27fb91e7ed9056363fde61b47c452fb";
		assertThat(verifier("app-key", "app-secret", 1700000000).verify("GET", "/apps/1234/channels/cache-prices",
				query, new byte[0]))
			.containsEntry("info", "subscription_count,cache");
	}

	@Test
	void refusesTimestampsOutsideTheWindowEitherWay() {
		String query = "auth_key=app-key&auth_timestamp=1700000000&auth_version=1.0&info=subscription_count,cache"
				+ "&auth_signature=654d97ba5006af53ce2ac7283ac9eeefe27fb91e7ed9056363fde61b47c452fb";
		for (long now : new long[] { 1700000601, 1699999399 }) {
			assertThatExceptionOfType(ApiException.class)
				.isThrownBy(() -> verifier("app-key", "app-secret", now).verify("GET",
						"/apps/1234/channels/cache-prices", query, new byte[0]))
				.withMessageContaining("Timestamp expired");
		}
	}

}
