/**
 * Presence: who is in each presence channel, counted per user across connections, which
 * channels are occupied, and which users are online; kept in a {@link PresenceStore} so
 * the answers can be cluster-wide. Also the orchestration around it: joining and leaving
 * channels with the right events, subscription counts, the sweep of departed nodes and
 * the commands every node carries out.
 */
@NullMarked
package dev.sockets.presence;

import org.jspecify.annotations.NullMarked;
