package dev.sockets.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sockets.broker.Broadcaster;
import dev.sockets.broker.Broker;
import dev.sockets.channel.PresenceMember;
import dev.sockets.presence.RoomManager;
import dev.sockets.test.RedisClusterProcesses;
import dev.sockets.test.RedisProcess;
import dev.sockets.test.RedisServerExtension;
import dev.sockets.test.SignedInUsers;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.sockets.test.TestClients.assertNothingWithin;
import static dev.sockets.test.TestClients.subscribe;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes of one app on a three-master Redis Cluster the test starts itself: broadcasts and
 * presence work with {@code spring.data.redis.cluster.nodes}.
 */
class RedisClusterIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final RedisServerExtension<RedisClusterProcesses> cluster = RedisServerExtension.cluster();

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void broadcastsAndPresenceWorkAcrossNodesOnARedisCluster() throws Exception {
		ConfigurableApplicationContext a = start();
		ConfigurableApplicationContext b = start();
		Awaitility.await().atMost(WAIT).until(() -> status(a).up() && status(b).up());
		boolean sharded = Double.parseDouble(RedisProcess.version()) >= 7;
		if (!sharded) {
			System.err.println("WARNING: redis-server " + RedisProcess.version()
					+ " has no sharded pub/sub: testing classic pub/sub on the cluster only");
		}
		assertThat(status(a).sharded()).isEqualTo(sharded);
		try (SocketsTestClient onB = connect(b, "bob"); SocketsTestClient onA = connect(a, "alice")) {
			subscribeAndAwait(onB, "news");
			// B's subscription reaches Redis asynchronously: probe until it is effective
			Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
				a.getBean(Broadcaster.class).to("news").emit("probe", "{}");
				return status(b).received() > 0;
			});
			a.getBean(Broadcaster.class).to("news").emit("headline", Map.of("n", 1));
			List<String> events = new ArrayList<>();
			for (JsonNode frame = onB.nextMessage(); !"headline".equals(frame.get("event").stringValue()); frame = onB
				.nextMessage()) {
				events.add(frame.get("event").stringValue());
			}
			// only probes came before it, and nothing after it: delivered once
			assertThat(events).containsOnly("probe");
			assertNothingWithin(onB, Duration.ofMillis(300));
			// node B listens to the channel on the shard that owns it, and only there
			assertThat(cluster.get().subscribers(sharded, "sockets:app-1:channel:news")).isOne();
			assertThat(cluster.get().subscribers(!sharded, "sockets:app-1:channel:news")).isZero();

			subscribe(onB, "presence-room.cluster");
			assertThat(onB.nextMessage().get("event").stringValue())
				.isEqualTo("pusher_internal:subscription_succeeded");
			Awaitility.await()
				.atMost(WAIT)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> status(b).received() > 1
						|| a.getBean(RoomManager.class).members("presence-room.cluster").size() == 1);
			subscribe(onA, "presence-room.cluster");
			JsonNode joined = onA.nextMessage();
			assertThat(joined.get("data").stringValue()).contains("\"count\":2");
			assertThat(a.getBean(RoomManager.class).members("presence-room.cluster")).extracting(PresenceMember::userId)
				.containsExactly("bob", "alice");
		}
	}

	private static RedisBrokerStatus status(ConfigurableApplicationContext context) {
		return ((RedisBroker) context.getBean(Broker.class)).status();
	}

	private static SocketsTestClient connect(ConfigurableApplicationContext context, String user) throws Exception {
		String port = context.getEnvironment().getProperty("local.server.port");
		return TestClients.connect("ws://127.0.0.1:" + port + "/app/app-key?token=" + user + "-token");
	}

	private ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class,
				SignedInUsers.class)
			.properties("server.port=0", "server.address=127.0.0.1", "sockets.app.id=app-1", "sockets.app.key=app-key",
					"sockets.app.secret=app-secret", "sockets.broker=redis", "sockets.redis.canary-interval=200ms",
					"spring.data.redis.cluster.nodes=" + cluster.get().nodesProperty(), "spring.data.redis.timeout=2s",
					"spring.main.banner-mode=off")
			.run();
		this.nodes.add(context);
		return context;
	}

}
