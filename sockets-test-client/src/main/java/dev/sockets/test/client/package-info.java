/**
 * A Pusher protocol client for tests: {@link dev.sockets.test.client.SocketsTestClient}.
 */
@NullMarked
package dev.sockets.test.client;

import org.jspecify.annotations.NullMarked;
