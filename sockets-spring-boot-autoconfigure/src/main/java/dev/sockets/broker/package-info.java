/**
 * Broadcasting: the {@link dev.sockets.broker.Broadcaster} API and the
 * {@link dev.sockets.broker.Broker} SPI that carries encoded frames between nodes.
 */
@NullMarked
package dev.sockets.broker;

import org.jspecify.annotations.NullMarked;
