package dev.sockets.sample.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the app's login page, {@code static/login.html}, at {@code /login}, where Spring
 * Security sends browsers that need to sign in.
 */
@Configuration(proxyBeanMethods = false)
class LoginPage implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addViewController("/login").setViewName("forward:/login.html");
	}

}
