package dev.sockets.test;

import java.util.Map;
import java.util.stream.Collectors;

import dev.sockets.protocol.Signatures;

/**
 * Signs HTTP API requests the way the Pusher server SDKs do.
 */
public final class ApiSigning {

	private ApiSigning() {
	}

	/**
	 * The signed query string.
	 * @param method the HTTP method
	 * @param path the request path
	 * @param sortedParams the query parameters, sorted by key, unescaped
	 * @param secret the app secret
	 * @return the query with {@code auth_signature} appended
	 */
	public static String sign(String method, String path, Map<String, String> sortedParams, String secret) {
		String joined = sortedParams.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining("&"));
		return joined + "&auth_signature=" + new Signatures(secret).sign(method + "\n" + path + "\n" + joined);
	}

}
