/**
 * Auto-configuration and configuration properties: wiring only.
 */
@NullMarked
package dev.sockets.autoconfigure;

import org.jspecify.annotations.NullMarked;
