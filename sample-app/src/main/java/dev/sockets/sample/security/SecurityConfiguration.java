package dev.sockets.sample.security;

import java.util.List;

import dev.sockets.autoconfigure.SocketsProperties;
import dev.sockets.sample.teams.Teams;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security for the sample. Signing in is optional: the lobby, the page and the
 * WebSocket are open to everyone, and only the team rooms need a user. Browsers sign in
 * with the login form and keep a session; API and Node clients send HTTP Basic
 * credentials with each request, the WebSocket handshake included.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleUsersProperties.class)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SocketsProperties sockets) {
		String authorizationEndpoint = sockets.getAuthorization().getEndpointPath();
		String userAuthenticationEndpoint = sockets.getAuthorization().getUserEndpointPath();
		http.authorizeHttpRequests((requests) -> requests
			// posting to a team and asking who of it is online; membership of the team
			// itself is checked by TeamController
			.requestMatchers(HttpMethod.POST, "/teams/*/messages")
			.authenticated()
			.requestMatchers(HttpMethod.GET, "/teams/*/online")
			.authenticated()
			.anyRequest()
			.permitAll());
		http.httpBasic(Customizer.withDefaults());
		http.formLogin(Customizer.withDefaults());
		http.csrf((csrf) -> csrf
			// The page reads the token from the XSRF-TOKEN cookie and sends it back in
			// the X-XSRF-TOKEN header with every POST (see app.js); GET /me sets it.
			.spa()
			// The Pusher HTTP API is authenticated by a signature made with the app
			// secret, never by a cookie, so a cross-site page cannot forge a request.
			.ignoringRequestMatchers("/apps/**")
			// The channel authorization endpoint changes no state: it only signs
			// "socket id:channel" for the caller, and pusher-js calls it without the
			// CSRF header. A cross-site page that makes a signed-in victim's browser call
			// it cannot read the response (no CORS), and the signature is only valid on
			// the connection with that socket id.
			.ignoringRequestMatchers(authorizationEndpoint)
			// The user authentication endpoint that pusher.signin() calls, for the same
			// reasons: it only signs the caller's user data for one socket id, pusher-js
			// sends no CSRF header, and a cross-site page cannot read the answer.
			.ignoringRequestMatchers(userAuthenticationEndpoint));
		return http.build();
	}

	@Bean
	UserDetailsService userDetailsService(SampleUsersProperties properties) {
		List<UserDetails> users = properties.users()
			.entrySet()
			.stream()
			.map((entry) -> User.withUsername(entry.getKey())
				.password(entry.getValue().password())
				.authorities(Teams.authority(entry.getValue().team()))
				.build())
			.toList();
		return new InMemoryUserDetailsManager(users);
	}

}
