/**
 * The Netty transport: Pusher connections and the Pusher HTTP API on a Netty server of
 * the starter's own, on a port of its own, whatever web stack the application runs.
 */
@NullMarked
package dev.sockets.transport.netty;

import org.jspecify.annotations.NullMarked;
