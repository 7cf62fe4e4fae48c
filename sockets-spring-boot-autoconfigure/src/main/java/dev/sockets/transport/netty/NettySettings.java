package dev.sockets.transport.netty;

import java.net.InetAddress;
import java.time.Duration;

import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * Internal: how the Netty server listens and what it accepts.
 *
 * @param address the address to bind, or {@code null} for every interface
 * @param port the port; 0 for a free one
 * @param endpointPrefix the path WebSocket handshakes start with, up to the app key:
 * {@code /app/} or {@code {prefix}/app/}
 * @param maxFramePayload the largest WebSocket frame a client may send, in bytes
 * @param maxRequestSize the largest HTTP request body, in bytes
 * @param handshakeTimeout how long a connection may take to send a complete request, and
 * may stay idle between HTTP requests
 * @param sendBufferSizeLimit the most bytes queued for one connection: its high water
 * mark
 * @param sendTimeLimit how long what is queued for a connection may stay put before it is
 * closed as stalled, and how long a close frame may take
 * @param ioThreads the event loops; 0 for Netty's default (twice the cores)
 * @param socketSendBuffer each connection's SO_SNDBUF in bytes; 0 to leave it to the
 * kernel
 * @param ssl the TLS context, or {@code null} for plain connections
 * @param virtualThreads whether the application's handshake checks run on virtual threads
 */
public record NettySettings(@Nullable InetAddress address, int port, String endpointPrefix, int maxFramePayload,
		int maxRequestSize, Duration handshakeTimeout, long sendBufferSizeLimit, Duration sendTimeLimit, int ioThreads,
		int socketSendBuffer, @Nullable SslContext ssl, boolean virtualThreads) {

}
