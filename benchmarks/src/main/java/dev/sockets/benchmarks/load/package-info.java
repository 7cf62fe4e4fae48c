/**
 * The load generator: many Pusher-protocol connections from one process, fixed-rate
 * publishing through the signed HTTP API, and the measurements of each scenario.
 */
@NullMarked
package dev.sockets.benchmarks.load;

import org.jspecify.annotations.NullMarked;
