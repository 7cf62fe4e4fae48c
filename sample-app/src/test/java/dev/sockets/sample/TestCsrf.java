package dev.sockets.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Gets a CSRF token the way the page does: {@code GET /me} sets the {@code XSRF-TOKEN}
 * cookie, and a POST sends the cookie back with the same value in {@code X-XSRF-TOKEN}.
 */
public final class TestCsrf {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private TestCsrf() {
	}

	/**
	 * Request headers that pass the CSRF check.
	 * @param http the client
	 * @param server the app's base URI, such as
	 * {@code SocketsTestClients.applicationServer()}
	 * @return the {@code Cookie} and {@code X-XSRF-TOKEN} headers
	 */
	public static Map<String, String> headers(HttpClient http, URI server) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(server.resolve("/me")).timeout(TIMEOUT).GET().build();
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
