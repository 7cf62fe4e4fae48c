/**
 * The Pusher-protocol WebSocket handler: connection lifecycle, client events, liveness
 * and local delivery.
 */
@NullMarked
package dev.sockets.server;

import org.jspecify.annotations.NullMarked;
