package dev.sockets.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sockets.test.RedisProcess;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two instances of the app joined by a real {@code redis-server} that the test starts
 * ({@code sockets.broker=redis}), node A on the servlet transport and node B on Netty,
 * and the Node suite {@code cluster/cluster.spec.js} in {@code src/test/js} against both:
 * unmodified pusher-js clients on either node receive what the {@code pusher} server SDK
 * triggers on one of them, exactly once, and see the members of a presence channel on
 * both nodes come and go; with the recovery plugin, a client cut off on one node gets
 * what node A published meanwhile when it comes back on the other, from the history in
 * Redis. See {@link NodeSuite} for what it needs; Redis is the {@code redis-server} on
 * the PATH, else the one in the embedded-redis test dependency.
 */
class ClusterCompatibilityIntegrationTests {

	/**
	 * The Node files run against both nodes: events and presence across the nodes, and
	 * recovery on the other node after a reconnect.
	 */
	private static final String[] SPECS = { "cluster/cluster.spec.js", "cluster/recovery.spec.js" };

	@Test
	void pusherJsClientsOnTwoNodesOfTheAppJoinedByRedis() throws Exception {
		NodeSuite suite = NodeSuite.installed();
		try (RedisProcess redis = RedisProcess.launch();
				ConfigurableApplicationContext a = startNode(redis);
				// a node of each transport
				ConfigurableApplicationContext b = startNode(redis, "--sockets.transport=netty",
						"--sockets.netty.port=0", "--sockets.netty.address=127.0.0.1")) {
			Environment app = a.getEnvironment();

			suite.test(Map.of("SOCKETS_HOST", "127.0.0.1", "SOCKETS_PORT_A", port(a), "SOCKETS_PORT_B", port(b),
					"SOCKETS_APP_ID", app.getRequiredProperty("sockets.app.id"), "SOCKETS_APP_KEY",
					app.getRequiredProperty("sockets.app.key"), "SOCKETS_APP_SECRET",
					app.getRequiredProperty("sockets.app.secret")), SPECS);
		}
	}

	/**
	 * Starts an instance of the app on a free port. Command-line arguments, because
	 * {@code application.yml} would override default properties ({@code server.port}).
	 */
	private static ConfigurableApplicationContext startNode(RedisProcess redis, String... more) {
		List<String> arguments = new ArrayList<>(
				List.of("--server.port=0", "--server.address=127.0.0.1", "--sockets.broker=redis",
						"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.port(),
						"--sockets.redis.canary-interval=200ms", "--spring.main.banner-mode=off"));
		// the channels of cluster/recovery.spec.js keep a history, as in the single-node
		// suite
		RecoveryTestChannels.namespaces().forEach((name, value) -> arguments.add("--" + name + "=" + value));
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(SampleApplication.class).main(SampleApplication.class)
			.run(arguments.toArray(String[]::new));
	}

	// where its clients and the HTTP API connect: the Netty port on a Netty node
	private static String port(ConfigurableApplicationContext node) {
		Environment environment = node.getEnvironment();
		return environment.getProperty("local.sockets.netty.port",
				environment.getRequiredProperty("local.server.port"));
	}

}
