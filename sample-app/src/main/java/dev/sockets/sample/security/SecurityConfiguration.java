package dev.sockets.sample.security;

import java.util.ArrayList;
import java.util.List;

import dev.sockets.autoconfigure.SocketsProperties;
import dev.sockets.sample.teams.Teams;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
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
 * Spring Security for the sample. The page, the WebSocket and reading the lobby are open
 * to everyone; writing in the lobby and the team rooms need a user, and Actuator (but
 * health) an admin. Browsers sign in with the app's login page and keep a session; API
 * and Node clients send HTTP Basic credentials with each request, the WebSocket handshake
 * included.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleUsersProperties.class)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SocketsProperties sockets) {
		String authorizationEndpoint = sockets.getAuthorization().getEndpointPath();
		String userAuthenticationEndpoint = sockets.getAuthorization().getUserEndpointPath();
		http.authorizeHttpRequests((requests) -> requests
			// health is for load balancers and uptime checks; its details (connection
			// and channel counts) are for admins only (management.endpoint.health.*)
			.requestMatchers(EndpointRequest.to("health"))
			.permitAll()
			.requestMatchers(EndpointRequest.toAnyEndpoint())
			.hasRole("ADMIN")
			// a lobby message's author is the signed-in user (ChatController)
			.requestMatchers(HttpMethod.POST, "/chat/messages")
			.authenticated()
			// posting to a team, asking who of it is online and for its latest
			// messages; membership of the team itself is checked by TeamController
			.requestMatchers(HttpMethod.POST, "/teams/*/messages")
			.authenticated()
			.requestMatchers(HttpMethod.GET, "/teams/*/online", "/teams/*/messages")
			.authenticated()
			.anyRequest()
			.permitAll());
		http.httpBasic(Customizer.withDefaults());
		// the app's own login page (static/login.html, see LoginPage); it posts with the
		// CSRF header, as the chat page does, and both ways lead back to the chat
		http.formLogin((form) -> form.loginPage("/login").permitAll());
		http.logout((logout) -> logout.logoutSuccessUrl("/"));
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
				.authorities(authorities(entry.getValue()).toArray(String[]::new))
				.build())
			.toList();
		return new InMemoryUserDetailsManager(users);
	}

	private static List<String> authorities(SampleUsersProperties.User user) {
		List<String> authorities = new ArrayList<>();
		if (user.team() != null) {
			authorities.add(Teams.authority(user.team()));
		}
		user.roles().forEach((role) -> authorities.add("ROLE_" + role));
		return authorities;
	}

}
