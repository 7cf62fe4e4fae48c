/**
 * Channel subscriptions of this node's connections.
 */
@NullMarked
package dev.sockets.channel;

import org.jspecify.annotations.NullMarked;
