package dev.sockets.test.kit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic users in teams (the password is the name and {@code -secret}); outside the
 * application class, so a controller slice leaves it out.
 */
@Configuration(proxyBeanMethods = false)
class KitSecurity {

	@Bean
	SecurityFilterChain security(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		http.httpBasic(Customizer.withDefaults());
		// the authorization endpoints and the API of this test application take no
		// cookies, so no CSRF token either
		http.csrf((csrf) -> csrf.ignoringRequestMatchers("/sockets/**", "/orders/**"));
		return http.build();
	}

	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(user("alice", "red"), user("carol", "red"), user("bob", "blue"));
	}

	private static UserDetails user(String name, String team) {
		return User.withUsername(name).password("{noop}" + name + "-secret").roles(team).build();
	}

}
