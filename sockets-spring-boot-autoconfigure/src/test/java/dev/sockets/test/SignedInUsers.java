package dev.sockets.test;

import java.security.Principal;

import dev.sockets.channel.AuthorizeChannel;
import dev.sockets.channel.PresenceMember;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A test application's users: {@code <user>-token} authenticates as {@code <user>}
 * ({@link TokenAuthenticator}), and every authenticated user may subscribe to any private
 * channel and join any presence channel as a member without info.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SignedInUsers {

	@Bean
	TokenAuthenticator tokenAuthenticator() {
		return new TokenAuthenticator();
	}

	@Bean
	Authorizer signedInAuthorizer() {
		return new Authorizer();
	}

	static class Authorizer {

		@AuthorizeChannel({ "private-*", "private-*.**" })
		boolean privateChannel(@Nullable Principal user) {
			return user != null;
		}

		@AuthorizeChannel({ "presence-*", "presence-*.**" })
		@Nullable PresenceMember presenceChannel(@Nullable Principal user) {
			return (user != null) ? PresenceMember.of(user.getName()) : null;
		}

	}

}
