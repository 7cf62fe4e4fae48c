/**
 * The servlet transport: Pusher connections on the application's own port, through the
 * servlet container's WebSocket support (spring-websocket), written with the container's
 * asynchronous send.
 */
@NullMarked
package dev.sockets.transport.servlet;

import org.jspecify.annotations.NullMarked;
