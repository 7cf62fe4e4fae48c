package dev.sockets.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.sockets.protocol.Signatures;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Verifies Pusher HTTP API signing: {@code auth_key}, {@code auth_timestamp} within the
 * allowed skew, {@code auth_version=1.0}, {@code body_md5} of the raw body, and
 * {@code auth_signature} = hex HMAC-SHA256 of
 * {@code METHOD\nPATH\nsorted, lowercased, decoded query without auth_signature},
 * compared in constant time.
 */
final class SignedRequestVerifier {

	private final String appKey;

	private final Signatures signatures;

	private final Duration maxSkew;

	private final Clock clock;

	SignedRequestVerifier(String appKey, Signatures signatures, Duration maxSkew, Clock clock) {
		this.appKey = appKey;
		this.signatures = signatures;
		this.maxSkew = maxSkew;
		this.clock = clock;
	}

	/**
	 * Checks a request and returns its decoded query parameters.
	 * @param method the HTTP method
	 * @param path the path as the SDK signed it, {@code /apps/{id}/…}
	 * @param rawQuery the raw query string
	 * @param body the raw body bytes
	 * @return the query parameters, keys lowercased
	 * @throws ApiException with 401 when any check fails
	 */
	Map<String, String> verify(String method, String path, @Nullable String rawQuery, byte[] body) {
		Map<String, String> params = decode(rawQuery);
		String key = require(params, "auth_key");
		String timestamp = require(params, "auth_timestamp");
		String version = require(params, "auth_version");
		String signature = require(params, "auth_signature");
		if (!"1.0".equals(version)) {
			throw unauthorized("Unsupported auth_version '" + version + "'; use 1.0");
		}
		if (!Signatures.constantTimeEquals(this.appKey, key)) {
			throw unauthorized("Unknown auth_key");
		}
		checkTimestamp(timestamp);
		if (body.length > 0) {
			String md5 = params.get("body_md5");
			if (md5 == null || !Signatures.constantTimeEquals(Signatures.md5Hex(body), md5.toLowerCase(Locale.ROOT))) {
				throw unauthorized("body_md5 is missing or does not match the body");
			}
		}
		String signed = params.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals("auth_signature"))
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining("&"));
		String expected = this.signatures.sign(method + "\n" + path + "\n" + signed);
		if (!Signatures.constantTimeEquals(expected, signature)) {
			throw unauthorized("Invalid signature: you should have sent HmacSHA256Hex(\""
					+ (method + "\\n" + path + "\\n" + signed) + "\", your_secret_key), but you sent \"" + signature
					+ "\"");
		}
		return params;
	}

	private void checkTimestamp(String timestamp) {
		long seconds;
		try {
			seconds = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			throw unauthorized("auth_timestamp must be Unix seconds, got '" + timestamp + "'");
		}
		long now = this.clock.instant().getEpochSecond();
		if (Math.abs(now - seconds) > this.maxSkew.toSeconds()) {
			throw unauthorized("Timestamp expired: Given timestamp (" + seconds + ") not within "
					+ this.maxSkew.toSeconds() + "s of server time (" + now + ")");
		}
	}

	private static Map<String, String> decode(@Nullable String rawQuery) {
		Map<String, String> params = new TreeMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return params;
		}
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key = (eq >= 0) ? pair.substring(0, eq) : pair;
			String value = (eq >= 0) ? pair.substring(eq + 1) : "";
			try {
				params.put(URLDecoder.decode(key, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT),
						URLDecoder.decode(value, StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				throw unauthorized("Malformed query string: " + ex.getMessage());
			}
		}
		return params;
	}

	private static String require(Map<String, String> params, String name) {
		String value = params.get(name);
		if (value == null || value.isEmpty()) {
			throw unauthorized("Missing query parameter '" + name + "'");
		}
		return value;
	}

	private static ApiException unauthorized(String message) {
		return new ApiException(HttpStatus.UNAUTHORIZED, message);
	}

}
