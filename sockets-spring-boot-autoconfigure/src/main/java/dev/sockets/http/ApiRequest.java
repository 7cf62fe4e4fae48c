package dev.sockets.http;

import org.jspecify.annotations.Nullable;

/**
 * Internal: one request to the Pusher HTTP API, as any server carries it.
 *
 * @param method the HTTP method, upper case
 * @param path the path as sent, still percent-encoded, without a context path
 * @param rawQuery the query as sent, or {@code null}
 * @param body the body, at most the API's request size limit
 */
public record ApiRequest(String method, String path, @Nullable String rawQuery, byte[] body) {

}
