/**
 * Presence: who is in each presence channel, counted per user across connections, which
 * channels are occupied, and which users are online; kept in a {@link PresenceStore} so
 * the answers can be cluster-wide.
 */
@NullMarked
package dev.sockets.presence;

import org.jspecify.annotations.NullMarked;
