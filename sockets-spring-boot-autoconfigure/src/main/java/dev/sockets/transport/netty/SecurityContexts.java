package dev.sockets.transport.netty;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.util.ClassUtils;

/**
 * The authenticated principal of a Spring Security context found in a session, under the
 * attribute its session repository stores it with.
 */
final class SecurityContexts {

	/** Where Spring Security keeps its context in a session. */
	static final String ATTRIBUTE = "SPRING_SECURITY_CONTEXT";

	static final boolean PRESENT = ClassUtils.isPresent("org.springframework.security.core.context.SecurityContext",
			SecurityContexts.class.getClassLoader());

	private SecurityContexts() {
	}

	static @Nullable Principal principal(@Nullable Object attribute) {
		if (!PRESENT || !(attribute instanceof SecurityContext context)) {
			return null;
		}
		Authentication authentication = context.getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		return authentication;
	}

}
