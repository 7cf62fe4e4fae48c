package dev.sockets.channel;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.sockets.broker.Broker;
import dev.sockets.broker.BrokerListener;
import dev.sockets.broker.Publication;
import dev.sockets.connection.Connection;
import dev.sockets.connection.OutboundLimits;
import dev.sockets.test.RecordingTransport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelSubscriptionsTests {

	private final List<String> brokerCalls = new CopyOnWriteArrayList<>();

	private final ChannelSubscriptions subscriptions = new ChannelSubscriptions(new Broker() {
		@Override
		public void start(BrokerListener listener) {
		}

		@Override
		public CompletionStage<Void> publish(Publication publication) {
			return CompletableFuture.completedStage(null);
		}

		@Override
		public void subscribe(String channel) {
			ChannelSubscriptionsTests.this.brokerCalls.add("+" + channel);
		}

		@Override
		public void unsubscribe(String channel) {
			ChannelSubscriptionsTests.this.brokerCalls.add("-" + channel);
		}
	});

	private static Connection connection(String socketId) {
		return Connection.of(socketId, new RecordingTransport(),
				new OutboundLimits(1024, Duration.ofSeconds(1), Runnable::run));
	}

	@Test
	void theBrokerHearsOfTheFirstSubscriberAndTheLastOnly() {
		Connection one = connection("1.1");
		Connection two = connection("1.2");
		assertThat(this.subscriptions.subscribe("c", one)).isTrue();
		assertThat(this.subscriptions.subscribe("c", one)).isFalse();
		this.subscriptions.subscribe("c", two);
		this.subscriptions.unsubscribe("c", one);
		assertThat(this.subscriptions.subscribers("c")).containsExactly(two);
		this.subscriptions.unsubscribeAll(two);
		assertThat(this.subscriptions.subscribers("c")).isEmpty();
		assertThat(this.brokerCalls).containsExactly("+c", "-c");
		assertThat(two.channels()).isEmpty();
	}

	@Test
	void aConnectionClosedWhileSubscribingIsNotLeftBehind() {
		Connection closed = connection("1.3");
		closed.markClosed();
		assertThat(this.subscriptions.subscribe("c", closed)).isFalse();
		assertThat(this.subscriptions.subscribers("c")).isEmpty();
		assertThat(closed.channels()).isEmpty();
		assertThat(this.brokerCalls).containsExactly("+c", "-c");
	}

}
