package dev.sockets.http;

import java.time.Duration;

/**
 * Internal: the app's credentials and the HTTP API's limits.
 *
 * @param appId the app id in {@code /apps/{appId}/…}
 * @param appKey the app key, {@code auth_key}
 * @param appSecret the app secret requests are signed with
 * @param maxTimestampSkew how far {@code auth_timestamp} may be from the server's clock
 * @param maxEventDataSize the largest {@code data} of one event, in bytes
 * @param maxRequestSize the largest request body, in bytes
 */
public record ApiSettings(String appId, String appKey, String appSecret, Duration maxTimestampSkew,
		int maxEventDataSize, int maxRequestSize) {

}
