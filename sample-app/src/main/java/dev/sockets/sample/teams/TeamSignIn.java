package dev.sockets.sample.teams;

import java.util.Map;

import dev.sockets.channel.PresenceMember;
import dev.sockets.channel.SignInUser;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who a browser signs in as with {@code pusher.signin()}: the user name as the id and the
 * display name as {@code user_info}, as in the team's presence channel.
 */
@Configuration(proxyBeanMethods = false)
class TeamSignIn {

	@Bean
	SignInUser signInUser() {
		return (user) -> new PresenceMember(user.getName(), Map.of("name", Teams.displayName(user)));
	}

}
