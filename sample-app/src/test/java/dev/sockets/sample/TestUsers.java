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
	 * A user's password, for {@code SocketsTestClients.connectAs(user, password)}.
	 * @param user the user's name, such as {@code alice}
	 * @return the password
	 */
	public static String password(String user) {
		return user + "-secret";
	}

	/**
	 * The {@code Authorization} header that signs in as a user with HTTP Basic.
	 * @param user the user's name, such as {@code alice}
	 * @return the header
	 */
	public static Map<String, String> basic(String user) {
		return basic(user, password(user));
	}

	/**
	 * The {@code Authorization} header of HTTP Basic credentials, right or wrong.
	 * @param user the user's name
	 * @param password the password
	 * @return the header
	 */
	public static Map<String, String> basic(String user, String password) {
		String credentials = user + ":" + password;
		return Map.of("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
	}

}
