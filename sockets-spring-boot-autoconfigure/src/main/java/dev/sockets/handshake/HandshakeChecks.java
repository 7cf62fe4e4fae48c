package dev.sockets.handshake;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.HttpStatus;

/**
 * Internal: every {@link SocketHandshakeInterceptor}, in order, as each transport runs
 * them before an upgrade. The first refusal ends the checks; an interceptor that throws
 * refuses the handshake with 500 and is logged, without affecting other connections.
 */
public final class HandshakeChecks {

	private static final Log logger = LogFactory.getLog(HandshakeChecks.class);

	private final List<SocketHandshakeInterceptor> interceptors;

	private final boolean mayBlock;

	/**
	 * Creates the checks.
	 * @param interceptors the built-in and the application's interceptors, in any order
	 */
	public HandshakeChecks(List<? extends SocketHandshakeInterceptor> interceptors) {
		List<SocketHandshakeInterceptor> sorted = new ArrayList<>(interceptors);
		AnnotationAwareOrderComparator.sort(sorted);
		this.interceptors = List.copyOf(sorted);
		this.mayBlock = sorted.stream().anyMatch(HandshakeChecks::mayBlock);
	}

	private static boolean mayBlock(SocketHandshakeInterceptor interceptor) {
		if (interceptor instanceof AuthenticationCheck authentication) {
			return authentication.mayBlock();
		}
		return !(interceptor instanceof HandshakeRateLimit || interceptor instanceof OriginCheck);
	}

	/**
	 * Runs the checks.
	 * @param request the handshake request
	 * @return {@code null} when every check let it go on, else the first refusal
	 */
	public @Nullable HandshakeRefusal check(ClientRequest request) {
		for (SocketHandshakeInterceptor interceptor : this.interceptors) {
			HandshakeRefusal refusal;
			try {
				refusal = interceptor.beforeHandshake(request);
			}
			catch (RuntimeException ex) {
				logger.error("Handshake interceptor " + interceptor + " failed", ex);
				return HandshakeRefusal.of(HttpStatus.INTERNAL_SERVER_ERROR, "The handshake could not be checked");
			}
			if (refusal != null) {
				return refusal;
			}
		}
		return null;
	}

	/**
	 * Whether a check may block: one of the application's, or an authenticator. The Netty
	 * transport then runs the checks off its event loops.
	 * @return {@code true} when the checks must not run on an event loop
	 */
	public boolean mayBlock() {
		return this.mayBlock;
	}

}
