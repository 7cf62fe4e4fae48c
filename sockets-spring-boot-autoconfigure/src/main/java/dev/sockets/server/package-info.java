/**
 * The Pusher protocol engine, whatever transport carries it: connection lifecycle, client
 * messages, client events, liveness and local delivery.
 */
@NullMarked
package dev.sockets.server;

import org.jspecify.annotations.NullMarked;
