package dev.sockets.sample.security;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sample's users, from {@code sample.users} in {@code application.yml}.
 *
 * @param users each user by name
 */
@ConfigurationProperties("sample")
public record SampleUsersProperties(Map<String, User> users) {

	public SampleUsersProperties {
		users = (users != null) ? Map.copyOf(users) : Map.of();
	}

	/**
	 * One user.
	 *
	 * @param password the password in Spring Security's {@code {id}encoded} form, such as
	 * {@code {bcrypt}$2a$10$...} or, for a sample only, {@code {noop}plain}
	 * @param team the team the user belongs to
	 */
	public record User(String password, String team) {

	}

}
