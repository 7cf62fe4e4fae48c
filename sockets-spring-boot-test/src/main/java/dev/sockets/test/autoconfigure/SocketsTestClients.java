package dev.sockets.test.autoconfigure;

import java.net.URI;

import dev.sockets.autoconfigure.SocketsProperties;
import dev.sockets.test.client.SocketsTestClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.Environment;

/**
 * Connects {@link SocketsTestClient}s to the running application (see
 * {@link AutoConfigureSocketsTestClient}): <pre>{@code
 * &#64;SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)

 * &#64;AutoConfigureSocketsTestClient
 * class TeamChannelTests {
 *
 * 	&#64;Autowired
 * 	SocketsTestClients clients;
 *
 * 	
&#64;Test
 * 	void membersOfTheTeamMaySubscribe() {
 * 		try (SocketsTestClient alice = this.clients.connectAs("alice", "secret")) {
 * 			alice.subscribe("private-team.red");
 * 		}
 * 	}
 *
 * }
 * }</pre>
 */
public final class SocketsTestClients {

	private final Environment environment;

	private final SocketsProperties properties;

	private final JsonMapper jsonMapper;

	SocketsTestClients(Environment environment, SocketsProperties properties, JsonMapper jsonMapper) {
		this.environment = environment;
		this.properties = properties;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Connects a client that sends no credentials.
	 * @return the connected client
	 */
	public SocketsTestClient connect() {
		return builder().connect();
	}

	/**
	 * Connects a client that sends HTTP Basic credentials with its handshake and its
	 * authorization requests.
	 * @param username the user name
	 * @param password the password
	 * @return the connected client
	 */
	public SocketsTestClient connectAs(String username, String password) {
		return builder().basicAuth(username, password).connect();
	}

	/**
	 * A builder set up for the running application, for other credentials (a session
	 * cookie, a token) or settings.
	 * @return the builder
	 */
	public SocketsTestClient.Builder builder() {
		SocketsProperties.Authorization authorization = this.properties.getAuthorization();
		return SocketsTestClient.builder(socketsServer(), this.properties.getApp().getKey())
			.authServer(applicationServer())
			.authEndpoints(authorization.getEndpointPath(), authorization.getUserEndpointPath())
			.jsonMapper(this.jsonMapper);
	}

	/**
	 * Where the Pusher endpoint is served: the Netty transport's port when it runs one,
	 * else the application's.
	 * @return the server's base URI
	 */
	public URI socketsServer() {
		Integer netty = this.environment.getProperty("local.sockets.netty.port", Integer.class);
		if (netty != null) {
			boolean tls = this.properties.getNetty().getSsl().getBundle() != null;
			return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + netty);
		}
		return applicationServer();
	}

	/**
	 * Where the application serves HTTP, the authorization endpoints among it.
	 * @return the server's base URI
	 */
	public URI applicationServer() {
		Integer port = this.environment.getProperty("local.server.port", Integer.class);
		if (port == null) {
			throw new IllegalStateException("The application under test serves no port: use "
					+ "@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT) or DEFINED_PORT");
		}
		boolean tls = this.environment.getProperty("server.ssl.enabled", Boolean.class, false)
				|| this.environment.getProperty("server.ssl.bundle") != null;
		return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port);
	}

}
