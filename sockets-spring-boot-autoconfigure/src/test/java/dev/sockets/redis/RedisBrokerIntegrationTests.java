package dev.sockets.redis;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.sockets.broker.BroadcastRefusedException;
import dev.sockets.broker.Broker;
import dev.sockets.broker.ClusterBrokerContractTests;
import dev.sockets.broker.BrokerListener;
import dev.sockets.broker.Publication;
import dev.sockets.test.RedisProcess;
import dev.sockets.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@link Broker} contract for {@link RedisBroker}, its nodes sharing a real
 * {@code redis-server}; plus its refusals, which only a broker with a transport to wait
 * for has.
 */
class RedisBrokerIntegrationTests extends ClusterBrokerContractTests {

	@RegisterExtension
	static final RedisServerExtension<RedisProcess> redis = RedisServerExtension.server();

	private final RedisBrokerNodes nodes = new RedisBrokerNodes();

	@AfterEach
	void closeNodes() throws Exception {
		this.nodes.close();
	}

	@Override
	protected Broker startNode(BrokerListener listener) {
		return startNode(listener, 10_000, Duration.ofSeconds(5));
	}

	@Test
	void publicationsBeyondTheLimitInFlightAreRefusedBeforeAnyDelivery() throws Exception {
		Received received = new Received();
		RedisBroker broker = startNode(received, 1, Duration.ofSeconds(5));
		redis.get().pause();
		try {
			CompletionStage<Void> waiting = broker.publish(new Publication("news", "{\"n\":1}", null));
			CompletionStage<Void> refused = broker.publish(new Publication("news", "{\"n\":2}", null));
			assertThat(refused.toCompletableFuture()).isCompletedExceptionally();
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> refused.toCompletableFuture().get())
				.havingCause()
				.isInstanceOf(BroadcastRefusedException.class)
				.withMessageContaining("1 publications are waiting");
			assertThat(received.all()).extracting(Publication::message).containsExactly("{\"n\":1}");
			assertThat(waiting.toCompletableFuture()).isNotDone();
		}
		finally {
			redis.get().resume();
		}
	}

	@Test
	void aPublicationRedisDoesNotAcknowledgeInTimeIsRefused() throws Exception {
		RedisBroker broker = startNode(new Received(), 10_000, Duration.ofMillis(300));
		redis.get().pause();
		try {
			CompletionStage<Void> late = broker.publish(new Publication("news", "{}", null));
			assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> late.toCompletableFuture().get(5, TimeUnit.SECONDS))
				.isInstanceOf(ExecutionException.class)
				.havingCause()
				.isInstanceOf(BroadcastRefusedException.class)
				.withMessageContaining("did not acknowledge");
		}
		finally {
			redis.get().resume();
		}
	}

	private RedisBroker startNode(BrokerListener listener, int maxInFlight, Duration maxPublishDelay) {
		return this.nodes.start(redis.get().port(), listener, maxInFlight, maxPublishDelay);
	}

}
