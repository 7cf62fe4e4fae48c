/**
 * Pusher webhooks: channel and member events POSTed, signed, to the application's other
 * services, batched, retried with back-off and bounded in memory.
 */
@NullMarked
package dev.sockets.webhook;

import org.jspecify.annotations.NullMarked;
