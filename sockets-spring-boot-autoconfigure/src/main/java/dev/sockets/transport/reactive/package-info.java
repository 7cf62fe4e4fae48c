/**
 * Internal: what the starter serves on a reactive (WebFlux) application's own web server.
 */
@NullMarked
package dev.sockets.transport.reactive;

import org.jspecify.annotations.NullMarked;
