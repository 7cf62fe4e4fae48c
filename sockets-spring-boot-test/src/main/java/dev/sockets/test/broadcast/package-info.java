/**
 * A recording {@link dev.sockets.broker.Broadcaster} for tests.
 */
@NullMarked
package dev.sockets.test.broadcast;

import org.jspecify.annotations.NullMarked;
