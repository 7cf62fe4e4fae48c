/**
 * Redis: the broker that carries broadcasts between nodes over pub/sub, and its key
 * naming. The only package that touches Spring Data Redis.
 */
@NullMarked
package dev.sockets.redis;

import org.jspecify.annotations.NullMarked;
