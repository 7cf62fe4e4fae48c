/**
 * One client WebSocket: its socket id, its bounded outbound queue and the registry of
 * open connections.
 */
@NullMarked
package dev.sockets.connection;

import org.jspecify.annotations.NullMarked;
