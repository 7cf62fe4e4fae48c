package dev.sockets.server;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import dev.sockets.protocol.PusherError;
import org.jspecify.annotations.Nullable;

/**
 * Checks the connection URL {@code …/app/{key}?protocol=7&client=js&version=…}: the app
 * key must be ours and the protocol 5 to 7 (a missing one counts as 7). {@code client},
 * {@code version} and unknown parameters are ignored.
 */
final class ConnectionAttempt {

	private static final int MIN_PROTOCOL = 5;

	private static final int MAX_PROTOCOL = 7;

	private ConnectionAttempt() {
	}

	/**
	 * Why a connection must be refused.
	 * @param uri the handshake URI
	 * @param appKey our app key
	 * @return the error to send, or {@code null} to accept
	 */
	static @Nullable Refusal check(@Nullable URI uri, String appKey) {
		if (uri == null) {
			return new Refusal(PusherError.APP_NOT_FOUND, "No connection URL");
		}
		String path = (uri.getPath() != null) ? uri.getPath() : "";
		String key = path.substring(path.lastIndexOf('/') + 1);
		if (!key.equals(appKey)) {
			return new Refusal(PusherError.APP_NOT_FOUND, "Application does not exist: unknown app key");
		}
		String protocol = queryParameter(uri.getRawQuery(), "protocol");
		if (protocol != null && !isSupported(protocol)) {
			return new Refusal(PusherError.UNSUPPORTED_PROTOCOL,
					"Unsupported protocol version " + protocol + "; this server speaks 5 to 7");
		}
		return null;
	}

	/**
	 * The first value of a query parameter, without a full URI parse: this runs for every
	 * handshake, and the values we read are plain digits. A {@link URI} holds no
	 * malformed escapes, so decoding cannot fail.
	 */
	private static @Nullable String queryParameter(@Nullable String query, String name) {
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String parameter = (equals < 0) ? pair : pair.substring(0, equals);
			if (parameter.equals(name)) {
				return (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	private static boolean isSupported(String protocol) {
		try {
			int version = Integer.parseInt(protocol);
			return version >= MIN_PROTOCOL && version <= MAX_PROTOCOL;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/**
	 * A refused connection attempt.
	 *
	 * @param error the Pusher error
	 * @param message the message sent with it
	 */
	record Refusal(PusherError error, String message) {

	}

}
