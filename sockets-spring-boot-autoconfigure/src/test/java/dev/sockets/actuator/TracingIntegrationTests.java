package dev.sockets.actuator;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.sockets.broker.Broadcaster;
import dev.sockets.test.Cluster;
import dev.sockets.test.ClusterNode;
import dev.sockets.test.RecordingObservations;
import dev.sockets.test.RecordingObservations.Recorded;
import dev.sockets.test.client.SocketsTestClient;
import io.micrometer.observation.ObservationRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observations of a broadcast, as a tracer sees them: {@code sockets.broadcast} on
 * the publishing node, and a {@code sockets.delivery} on each node with subscribers,
 * joined to it by the propagated trace, on one node and across two.
 */
class TracingIntegrationTests {

	@RegisterExtension
	static final Cluster cluster = new Cluster();

	@Test
	void aBroadcastAndItsDeliveryOnEachNodeShareTheTrace() throws Exception {
		ClusterNode publisher = cluster.start("app-traces");
		ClusterNode other = cluster.start("app-traces");
		RecordingObservations onPublisher = record(publisher);
		RecordingObservations onOther = record(other);
		try (SocketsTestClient here = connect(publisher); SocketsTestClient there = connect(other)) {
			here.subscribe("news");
			there.subscribe("news");
			publisher.broadcaster().to("news").emit("headline", Map.of("text", "hi")).join();
			here.awaitEvent("news", "headline");
			there.awaitEvent("news", "headline");
		}
		Recorded broadcast = awaitOne(onPublisher, "sockets.broadcast");
		assertThat(broadcast.lowCardinality()).containsEntry("sockets.channel.type", "public");
		assertThat(broadcast.highCardinality()).containsEntry("sockets.channel", "news");
		assertThat(broadcast.trace()).isNotNull();
		assertThat(broadcast.error()).isNull();

		// on the publishing node, inside the broadcast
		Recorded localDelivery = awaitOne(onPublisher, "sockets.delivery");
		assertThat(localDelivery.parent()).isEqualTo("sockets.broadcast");
		assertThat(localDelivery.trace()).isEqualTo(broadcast.trace());
		assertThat(localDelivery.highCardinality()).containsEntry("sockets.subscribers", "1");

		// on the other node, from the headers the publication carried through Redis
		Recorded remoteDelivery = awaitOne(onOther, "sockets.delivery");
		assertThat(remoteDelivery.trace()).isEqualTo(broadcast.trace());
		assertThat(remoteDelivery.lowCardinality()).containsEntry("sockets.channel.type", "public");
		assertThat(remoteDelivery.highCardinality()).containsEntry("sockets.subscribers", "1");
	}

	@Test
	void aRefusedBroadcastIsObservedAsAnError() {
		ClusterNode node = cluster.start("app-traces", "sockets.redis.max-publications-in-flight=1");
		RecordingObservations observations = record(node);
		cluster.redis().stop();
		Broadcaster broadcaster = node.broadcaster();
		// Redis is down: until the node notices, publications are refused; once it has,
		// they are delivered here only and succeed
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> broadcaster.to("news").emit("e", 1).handle((done, failure) -> failure != null).join());
		assertThat(observations.named("sockets.broadcast")).anySatisfy((recorded) -> assertThat(recorded.error())
			.isInstanceOf(dev.sockets.broker.BroadcastRefusedException.class));
	}

	private static RecordingObservations record(ClusterNode node) {
		RecordingObservations observations = new RecordingObservations();
		node.context().getBean(ObservationRegistry.class).observationConfig().observationHandler(observations);
		return observations;
	}

	private static Recorded awaitOne(RecordingObservations observations, String name) {
		List<Recorded> recorded = Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> observations.named(name), (list) -> !list.isEmpty());
		assertThat(recorded).hasSize(1);
		return recorded.get(0);
	}

	private static SocketsTestClient connect(ClusterNode node) {
		return SocketsTestClient.builder(URI.create("http://127.0.0.1:" + node.port()), "app-key").connect();
	}

}
