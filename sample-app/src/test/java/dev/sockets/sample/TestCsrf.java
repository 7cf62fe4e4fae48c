package dev.sockets.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Gets a CSRF token the way the page does: {@code GET /me} sets the {@code XSRF-TOKEN}
 * cookie, and a POST sends the cookie back with the same value in {@code X-XSRF-TOKEN}.
 */
public final class TestCsrf {

	private TestCsrf() {
	}

	/**
	 * Request headers that pass the CSRF check.
	 * @param http the client
	 * @param port the app's port
	 * @return the {@code Cookie} and {@code X-XSRF-TOKEN} headers
	 */
	public static Map<String, String> headers(HttpClient http, int port) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/me"))
			.timeout(TestPusherConnection.WAIT)
			.GET()
			.build();
		HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
		String token = response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("XSRF-TOKEN="))
			.map((cookie) -> cookie.substring("XSRF-TOKEN=".length()).split(";", 2)[0])
			.findFirst()
			.orElseThrow(() -> new AssertionError("GET /me set no XSRF-TOKEN cookie: " + response.headers()));
		return Map.of("Cookie", "XSRF-TOKEN=" + token, "X-XSRF-TOKEN", token);
	}

}
