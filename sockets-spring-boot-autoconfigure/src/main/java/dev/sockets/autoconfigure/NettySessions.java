package dev.sockets.autoconfigure;

import dev.sockets.transport.netty.SessionPrincipals;
import dev.sockets.transport.netty.SpringSessionPrincipals;
import dev.sockets.transport.netty.TomcatSessionPrincipals;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.session.SessionRepository;
import org.springframework.util.ClassUtils;

/**
 * Chooses where the Netty transport finds a browser's principal: in Spring Session's
 * repository when the application has one, else in the embedded Tomcat's sessions, else
 * nowhere (the application then authenticates sockets with a token, see the docs). Only
 * with Spring Security, whose context the session holds.
 */
final class NettySessions {

	private static final ClassLoader LOADER = NettySessions.class.getClassLoader();

	private static final String COOKIE_NAME = "server.servlet.session.cookie.name";

	private NettySessions() {
	}

	static SessionPrincipals of(ApplicationContext context, Environment environment) {
		if (!ClassUtils.isPresent("org.springframework.security.core.context.SecurityContext", LOADER)) {
			return SessionPrincipals.NONE;
		}
		if (ClassUtils.isPresent("org.springframework.session.SessionRepository", LOADER)) {
			SessionPrincipals spring = SpringSession.of(context, environment);
			if (spring != null) {
				return spring;
			}
		}
		if (context instanceof WebServerApplicationContext web
				&& ClassUtils.isPresent("org.springframework.boot.tomcat.TomcatWebServer", LOADER)) {
			return new TomcatSessionPrincipals(web::getWebServer, environment.getProperty(COOKIE_NAME, "JSESSIONID"));
		}
		return SessionPrincipals.NONE;
	}

	// apart, so that Spring Session's classes load only where they are present
	private static final class SpringSession {

		static SessionPrincipals of(ListableBeanFactory beans, Environment environment) {
			@SuppressWarnings("unchecked")
			SessionRepository<?> repository = beans.getBeanProvider(SessionRepository.class).getIfUnique();
			return (repository != null)
					? new SpringSessionPrincipals(repository, environment.getProperty(COOKIE_NAME, "SESSION")) : null;
		}

	}

}
