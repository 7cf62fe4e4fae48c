/**
 * Team rooms: each team has the private channel {@code private-team.<team>}, which only
 * its members may subscribe to and post to, and the presence channel
 * {@code presence-team.<team>}, which shows the members who of the team is online.
 */
@NullMarked
package dev.sockets.sample.teams;

import org.jspecify.annotations.NullMarked;
