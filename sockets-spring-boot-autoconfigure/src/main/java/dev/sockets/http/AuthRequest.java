package dev.sockets.http;

import java.util.Map;

import dev.sockets.handshake.ClientRequest;

/**
 * Internal: a request to the authorization endpoints, as the web server read it.
 *
 * @param client the request: headers, URI and the caller's principal
 * @param json whether the body is JSON; otherwise it is a form
 * @param form the form's fields, first value of each (empty for JSON)
 * @param body the JSON body, up to one byte past
 * {@link ChannelAuthEndpoint#MAX_JSON_BODY} (empty for a form)
 */
public record AuthRequest(ClientRequest client, boolean json, Map<String, String> form, byte[] body) {

}
