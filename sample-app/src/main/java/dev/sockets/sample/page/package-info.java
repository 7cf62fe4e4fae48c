/**
 * What the chat page asks the server before it connects.
 */
@NullMarked
package dev.sockets.sample.page;

import org.jspecify.annotations.NullMarked;
