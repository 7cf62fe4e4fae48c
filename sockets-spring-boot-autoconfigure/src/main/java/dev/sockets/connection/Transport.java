package dev.sockets.connection;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;

import dev.sockets.protocol.Frame;
import org.jspecify.annotations.Nullable;

/**
 * Internal: one client socket as the core sees it, whatever server carries it (the
 * servlet container, Netty). The core keeps at most one {@link #write write} in flight
 * per socket and starts the next one from the completion of the last, so a transport
 * never queues and never blocks: a socket that cannot take more bytes holds no thread.
 * Frames are shared by every connection they go to and must not be modified.
 */
public interface Transport {

	/**
	 * Starts writing one frame and returns without waiting for the socket.
	 * @param frame the encoded frame
	 * @param completion told once the frame is written or the write failed, exactly once,
	 * on any thread, possibly before this method returns
	 */
	void write(Frame frame, WriteCompletion completion);

	/**
	 * Closes the socket with a close code, after the write in flight. Returns without
	 * waiting for the socket.
	 * @param code the WebSocket close code
	 * @param reason the close reason
	 */
	void close(int code, String reason);

	/**
	 * Closes the socket at once, for a client that stopped reading: what is in flight is
	 * dropped and the close frame is sent only if the socket can take it without waiting.
	 * @param code the WebSocket close code
	 * @param reason the close reason
	 */
	void abort(int code, String reason);

	/**
	 * Whether the socket is still open.
	 * @return {@code false} once closed by either side
	 */
	boolean isOpen();

	/**
	 * The principal established at the handshake.
	 * @return the principal, or {@code null} for an anonymous connection
	 */
	@Nullable Principal principal();

	/**
	 * The client's address.
	 * @return the address, or {@code null} when the server does not tell
	 */
	@Nullable InetSocketAddress remoteAddress();

	/**
	 * Attributes of this socket, set at the handshake and by the transport.
	 * @return a mutable, thread-safe map
	 */
	Map<String, Object> attributes();

	/**
	 * Told when a write ends.
	 */
	@FunctionalInterface
	interface WriteCompletion {

		/**
		 * The write ended.
		 * @param failure why it failed, or {@code null} when the frame was written
		 */
		void written(@Nullable Throwable failure);

	}

}
