/**
 * The benchmark server: the starter as an application would use it, a raw fan-out handler
 * as the servlet stack's ceiling, and a stats endpoint for heap and CPU.
 */
@NullMarked
package dev.sockets.benchmarks.server;

import org.jspecify.annotations.NullMarked;
