package dev.sockets.handshake;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * An HTTP request from a client, whichever server carries it (the application's servlet
 * container or the starter's Netty server): a WebSocket handshake, or a call to the
 * authorization endpoint. What {@link SocketAuthenticator authenticators} and
 * {@link SocketHandshakeInterceptor handshake interceptors} see.
 */
public interface ClientRequest {

	/**
	 * The request's URI, with its query.
	 * @return the URI
	 */
	URI uri();

	/**
	 * The request's headers.
	 * @return read-only headers
	 */
	HttpHeaders headers();

	/**
	 * The client's address.
	 * @return the address, or {@code null} when the server does not tell
	 */
	@Nullable InetSocketAddress remoteAddress();

	/**
	 * The principal the server established before the application's authenticators ran:
	 * Spring Security's or the container's on the application's own port, the session's
	 * on the Netty port where the session is readable.
	 * @return the principal, or {@code null} when the request is anonymous so far
	 */
	@Nullable Principal principal();

	/**
	 * Attributes of the request; for a handshake, they become the connection's.
	 * @return a mutable map
	 */
	Map<String, Object> attributes();

	/**
	 * The first value of a query parameter, decoded.
	 * @param name the parameter's name
	 * @return the value, empty for a parameter without one, or {@code null} when absent
	 */
	default @Nullable String queryParameter(String name) {
		String query = uri().getRawQuery();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String key = decode((equals < 0) ? pair : pair.substring(0, equals));
			if (key.equals(name)) {
				return (equals < 0) ? "" : decode(pair.substring(equals + 1));
			}
		}
		return null;
	}

	/**
	 * The value of a cookie the request carries.
	 * @param name the cookie's name
	 * @return its value, or {@code null} when the request has no such cookie
	 */
	default @Nullable String cookie(String name) {
		for (String header : headers().getOrEmpty(HttpHeaders.COOKIE)) {
			for (String cookie : header.split(";")) {
				int equals = cookie.indexOf('=');
				if (equals > 0 && cookie.substring(0, equals).trim().equals(name)) {
					String value = cookie.substring(equals + 1).trim();
					boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
					return quoted ? value.substring(1, value.length() - 1) : value;
				}
			}
		}
		return null;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// a malformed escape: taken as written
			return text;
		}
	}

}
