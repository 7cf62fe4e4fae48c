/**
 * The Pusher HTTP API: signed publish requests from server SDKs.
 */
@NullMarked
package dev.sockets.http;

import org.jspecify.annotations.NullMarked;
