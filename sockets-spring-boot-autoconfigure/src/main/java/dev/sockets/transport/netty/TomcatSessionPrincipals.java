package dev.sockets.transport.netty;

import java.io.IOException;
import java.security.Principal;
import java.util.function.Supplier;

import dev.sockets.handshake.ClientRequest;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Manager;
import org.apache.catalina.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;

/**
 * Internal: the principal of a session of the application's embedded Tomcat, named by its
 * session cookie: a lookup in Tomcat's session manager, in memory, so it does not block.
 */
public final class TomcatSessionPrincipals implements SessionPrincipals {

	private final Supplier<@Nullable WebServer> webServer;

	private final String cookieName;

	private volatile @Nullable Manager manager;

	/**
	 * Creates the lookup.
	 * @param webServer the application's web server, once it exists
	 * @param cookieName the session cookie's name
	 */
	public TomcatSessionPrincipals(Supplier<@Nullable WebServer> webServer, String cookieName) {
		this.webServer = webServer;
		this.cookieName = cookieName;
	}

	@Override
	public @Nullable Principal of(ClientRequest request) {
		String id = request.cookie(this.cookieName);
		Manager manager = manager();
		if (id == null || id.isEmpty() || manager == null) {
			return null;
		}
		Session session;
		try {
			session = manager.findSession(id);
		}
		catch (IOException ex) {
			return null;
		}
		if (session == null || !session.isValid()) {
			return null;
		}
		return SecurityContexts.principal(session.getSession().getAttribute(SecurityContexts.ATTRIBUTE));
	}

	private @Nullable Manager manager() {
		Manager manager = this.manager;
		if (manager == null && this.webServer.get() instanceof TomcatWebServer tomcat) {
			for (Container child : tomcat.getTomcat().getHost().findChildren()) {
				if (child instanceof Context context && context.getManager() != null) {
					manager = context.getManager();
					this.manager = manager;
					break;
				}
			}
		}
		return manager;
	}

	@Override
	public boolean mayBlock() {
		return false;
	}

}
