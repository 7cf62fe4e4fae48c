/**
 * JMH micro-benchmarks of the per-message hot paths: frame encoding, fan-out over local
 * subscribers, and subscription signatures.
 *
 * <p>
 * Authorizer matching ({@code @AuthorizeChannel} patterns) will be added with the
 * authorizer pipeline.
 */
@NullMarked
package dev.sockets.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
