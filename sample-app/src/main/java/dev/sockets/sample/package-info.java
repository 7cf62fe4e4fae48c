/**
 * The sample application; each demo lives in its own sub-package.
 */
@NullMarked
package dev.sockets.sample;

import org.jspecify.annotations.NullMarked;
