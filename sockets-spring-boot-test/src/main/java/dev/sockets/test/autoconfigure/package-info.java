/**
 * Test support for applications that use the sockets starter: connected test clients and
 * a recording broadcaster.
 */
@NullMarked
package dev.sockets.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
