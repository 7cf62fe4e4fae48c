package dev.sockets.server;

import java.net.URI;

import dev.sockets.protocol.PusherError;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

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
		UriComponents components = UriComponentsBuilder.fromUri(uri).build();
		String path = (components.getPath() != null) ? components.getPath() : "";
		String key = path.substring(path.lastIndexOf('/') + 1);
		if (!key.equals(appKey)) {
			return new Refusal(PusherError.APP_NOT_FOUND, "Application does not exist: unknown app key");
		}
		String protocol = components.getQueryParams().getFirst("protocol");
		if (protocol != null && !isSupported(protocol)) {
			return new Refusal(PusherError.UNSUPPORTED_PROTOCOL,
					"Unsupported protocol version " + protocol + "; this server speaks 5 to 7");
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
