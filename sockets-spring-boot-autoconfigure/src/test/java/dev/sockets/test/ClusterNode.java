package dev.sockets.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import dev.sockets.broker.Broadcaster;
import dev.sockets.broker.Broker;
import dev.sockets.presence.RoomManager;
import dev.sockets.protocol.Signatures;
import dev.sockets.redis.RedisBroker;
import dev.sockets.redis.RedisBrokerStatus;
import dev.sockets.test.client.SocketsTestClient;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One node of a cluster: a real server on a free port, joined to the others through a
 * Redis server the test runs.
 *
 * @param context the node's application context
 */
public record ClusterNode(ConfigurableApplicationContext context) {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/**
	 * Starts a node of an app.
	 * @param redisPort the Redis server's port
	 * @param appId the app id; nodes of other apps share Redis without seeing each other
	 * @param extraProperties more properties, {@code name=value}
	 * @return the started node
	 */
	public static ClusterNode start(int redisPort, String appId, String... extraProperties) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"sockets.app.id=" + appId, "sockets.app.key=app-key", "sockets.app.secret=app-secret",
				"sockets.broker=redis", "sockets.redis.canary-interval=200ms", "sockets.redis.node-timeout=3s",
				"sockets.client-events.enabled=true", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redisPort, "spring.data.redis.timeout=1s", "spring.main.banner-mode=off",
				"logging.level.dev.sockets.presence.PresenceSweeper=debug",
				"management.endpoint.health.show-details=always"));
		properties.addAll(List.of(extraProperties));
		return new ClusterNode(new SpringApplicationBuilder(TestApplication.class, SignedInUsers.class)
			.properties(properties.toArray(String[]::new))
			.run());
	}

	public Broadcaster broadcaster() {
		return this.context.getBean(Broadcaster.class);
	}

	public RoomManager rooms() {
		return this.context.getBean(RoomManager.class);
	}

	public RedisBroker broker() {
		return (RedisBroker) this.context.getBean(Broker.class);
	}

	public RedisBrokerStatus status() {
		return broker().status();
	}

	/**
	 * Where clients and the HTTP API connect.
	 * @return the Netty port on a node of the Netty transport, else the application's
	 */
	public int port() {
		return SocketsPort.of(this.context);
	}

	public String health() throws Exception {
		return HTTP
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:"
						+ this.context.getEnvironment().getProperty("local.server.port") + "/actuator/health/sockets"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	public SocketsTestClient connect() throws Exception {
		return TestClients.connect("ws://127.0.0.1:" + port() + "/app/app-key");
	}

	public SocketsTestClient connectAs(String user) throws Exception {
		return TestClients.connect("ws://127.0.0.1:" + port() + "/app/app-key?token=" + user + "-token");
	}

	/**
	 * Publishes an event through the signed HTTP API, as a Pusher server SDK would.
	 * @param channel the channel
	 * @param event the event name
	 * @param data the data string
	 * @return the response status, when it arrives
	 */
	public CompletableFuture<Integer> publish(String channel, String event, String data) {
		String body = "{\"name\":\"" + event + "\",\"channels\":[\"" + channel + "\"],\"data\":\"" + data + "\"}";
		String path = "/apps/" + this.context.getEnvironment().getProperty("sockets.app.id") + "/events";
		Map<String, String> params = new TreeMap<>();
		params.put("auth_key", "app-key");
		params.put("auth_timestamp", Long.toString(System.currentTimeMillis() / 1000));
		params.put("auth_version", "1.0");
		params.put("body_md5", Signatures.md5Hex(body.getBytes(StandardCharsets.UTF_8)));
		String query = ApiSigning.sign("POST", path, params, "app-secret");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path + "?" + query))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
	}

}
