package dev.sockets.sample.security;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

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
	 * @param team the team the user belongs to, {@code null} for none
	 * @param roles the user's roles, such as {@code ADMIN}
	 */
	public record User(String password, @Nullable String team, List<String> roles) {

		public User {
			roles = (roles != null) ? List.copyOf(roles) : List.of();
		}

	}

}
