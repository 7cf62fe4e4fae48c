package dev.sockets.sample;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The sample's users ({@code sample.users} in {@code application.yml}) as a test signs
 * in: each one's password is its name followed by {@code -secret}.
 */
public final class TestUsers {

	private TestUsers() {
	}

	/**
	 * The {@code Authorization} header that signs in as a user with HTTP Basic.
	 * @param user the user's name, such as {@code alice}
	 * @return the header
	 */
	public static Map<String, String> basic(String user) {
		String credentials = user + ":" + user + "-secret";
		return Map.of("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
	}

}
