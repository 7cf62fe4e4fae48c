package dev.sockets.test.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the application's authorization endpoints for signatures, as pusher-js does: a
 * form POST with the socket id (and channel), carrying the test's credentials.
 */
final class Authorizations {

	private final HttpClient http;

	private final URI channelEndpoint;

	private final URI userEndpoint;

	private final Map<String, String> headers;

	private final Duration timeout;

	private final JsonMapper jsonMapper;

	Authorizations(HttpClient http, URI channelEndpoint, URI userEndpoint, Map<String, String> headers,
			Duration timeout, JsonMapper jsonMapper) {
		this.http = http;
		this.channelEndpoint = channelEndpoint;
		this.userEndpoint = userEndpoint;
		this.headers = headers;
		this.timeout = timeout;
		this.jsonMapper = jsonMapper;
	}

	/** The endpoint's answer ({@code auth}, maybe {@code channel_data}), or a refusal. */
	JsonNode channel(String socketId, String channel) {
		HttpResponse<String> response = post(this.channelEndpoint,
				"socket_id=" + encode(socketId) + "&channel_name=" + encode(channel));
		if (response.statusCode() != 200) {
			throw new SubscriptionRefusedException(channel, response.statusCode(), null,
					"POST " + this.channelEndpoint.getPath() + " answered " + response.body());
		}
		return json(response, this.channelEndpoint);
	}

	/** The endpoint's answer ({@code auth} and {@code user_data}). */
	JsonNode user(String socketId) {
		HttpResponse<String> response = post(this.userEndpoint, "socket_id=" + encode(socketId));
		if (response.statusCode() != 200) {
			throw new AssertionError("Sign-in refused: POST " + this.userEndpoint.getPath() + " answered "
					+ response.statusCode() + " " + response.body());
		}
		return json(response, this.userEndpoint);
	}

	private HttpResponse<String> post(URI endpoint, String form) {
		HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
			.timeout(this.timeout)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		this.headers.forEach(request::header);
		return Interruptions.call(() -> this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
	}

	private JsonNode json(HttpResponse<String> response, URI endpoint) {
		try {
			return this.jsonMapper.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new AssertionError("POST " + endpoint.getPath() + " answered no JSON: " + response.body());
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
