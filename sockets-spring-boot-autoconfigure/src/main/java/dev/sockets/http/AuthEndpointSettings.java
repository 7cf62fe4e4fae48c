package dev.sockets.http;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Internal: what the channel authorization endpoint needs to know.
 *
 * @param path where channel authorization is served
 * @param userPath where user authentication (pusher.signin()) is served
 * @param node this node's number, the part of its socket ids before the dot
 * @param encryptionMasterKey the 32-byte key encrypted channels derive their secrets
 * from, or {@code null} when encrypted channels are not used
 * @param clustered whether other nodes serve connections too; when not, every socket id
 * must be one of this node's
 * @param allowedOriginPatterns the origins besides the application's own whose pages may
 * call the endpoints with the user's cookies
 */
public record AuthEndpointSettings(String path, String userPath, long node, byte @Nullable [] encryptionMasterKey,
		boolean clustered, List<String> allowedOriginPatterns) {

	/**
	 * Whether a socket id belongs to a connection of this node.
	 * @param socketId a well-formed socket id
	 * @return {@code true} if this node issued it
	 */
	boolean isLocal(String socketId) {
		return socketId.startsWith(this.node + ".");
	}

}
