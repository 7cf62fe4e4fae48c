/**
 * Actuator and Micrometer integration: the {@code sockets} health indicator and the
 * metrics. The only package that imports them.
 */
@NullMarked
package dev.sockets.actuator;

import org.jspecify.annotations.NullMarked;
