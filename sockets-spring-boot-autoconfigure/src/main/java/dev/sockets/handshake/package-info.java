/**
 * What happens before a socket exists: the origin check, the connection's principal, and
 * the application's own handshake interceptors.
 */
@NullMarked
package dev.sockets.handshake;

import org.jspecify.annotations.NullMarked;
