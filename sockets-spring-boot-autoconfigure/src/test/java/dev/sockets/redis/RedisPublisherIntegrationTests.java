package dev.sockets.redis;

import java.time.Duration;
import java.util.Map;

import dev.sockets.http.ChannelAuthEndpoint;
import dev.sockets.test.Cluster;
import dev.sockets.test.ClusterNode;
import dev.sockets.test.SocketsPort;
import dev.sockets.transport.netty.NettyServer;
import dev.sockets.transport.servlet.ServletWebSocketHandler;
import dev.sockets.test.client.SocketsTestClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker without a web server (a batch job, a queue consumer) that has the starter and
 * Redis: it gets a {@link dev.sockets.broker.Broadcaster} that reaches the cluster's
 * subscribers, and serves no sockets itself.
 */
class RedisPublisherIntegrationTests {

	private static final Duration RECOVERY = Duration.ofSeconds(30);

	@RegisterExtension
	static final Cluster cluster = new Cluster();

	@Test
	void aWorkerPublishesToSubscribersOnBothTransportsAndToAUser() throws Exception {
		ClusterNode servlet = cluster.start("app-1");
		ClusterNode netty = cluster.start("app-1", SocketsPort.NETTY, SocketsPort.FREE_NETTY_PORT);
		ClusterNode worker = cluster.start("app-1", "spring.main.web-application-type=none");
		try (SocketsTestClient onServlet = servlet.connect();
				SocketsTestClient onNetty = netty.connect();
				SocketsTestClient frank = netty.connectAs("frank")) {
			subscribeAndAwait(onServlet, "news");
			subscribeAndAwait(onNetty, "news");
			Awaitility.await()
				.atMost(RECOVERY)
				.until(() -> cluster.redis().subscribers("sockets:app-1:channel:news") == 2
						&& cluster.redis().subscribers("sockets:app-1:channel:#server-to-user-frank") == 1);
			Awaitility.await().atMost(RECOVERY).until(() -> worker.status().up());
			worker.broadcaster().to("news").emit("headline", Map.of("text", "from the worker"));
			for (SocketsTestClient client : new SocketsTestClient[] { onServlet, onNetty }) {
				JsonNode event = client.nextMessage();
				assertThat(event.get("event").stringValue()).isEqualTo("headline");
				assertThat(JsonMapper.shared().readTree(event.get("data").stringValue()).get("text").stringValue())
					.isEqualTo("from the worker");
			}
			worker.broadcaster().toUser("frank").emit("notice", Map.of("text", "for frank"));
			JsonNode notice = frank.nextMessage();
			assertThat(notice.get("event").stringValue()).isEqualTo("notice");
			assertThat(notice.get("channel").stringValue()).isEqualTo("#server-to-user-frank");
		}
	}

	@Test
	void aWorkerServesNoSockets() {
		ClusterNode worker = cluster.start("app-2", "spring.main.web-application-type=none");
		assertThat(worker.context()).isNotInstanceOf(WebServerApplicationContext.class);
		assertThat(worker.context().getBeansOfType(NettyServer.class)).isEmpty();
		assertThat(worker.context().getBeansOfType(ServletWebSocketHandler.class)).isEmpty();
		assertThat(worker.context().getBeansOfType(ChannelAuthEndpoint.class)).isEmpty();
		assertThat(worker.context().getBeansOfType(RedisBroker.class)).hasSize(1);
	}

}
