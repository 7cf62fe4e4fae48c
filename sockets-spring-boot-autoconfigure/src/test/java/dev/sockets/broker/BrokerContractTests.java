package dev.sockets.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Broker} must do, as its Javadoc promises; each implementation's tests
 * extend this, and a cluster broker's extend {@link ClusterBrokerContractTests}.
 */
public abstract class BrokerContractTests {

	protected static final Duration WAIT = Duration.ofSeconds(10);

	// not ASCII, with the quotes and backslashes of real double-encoded data
	protected static final String MESSAGE = "{\"event\":\"e\",\"channel\":\"news\",\"data\":\"{\\\"text\\\":\\\"h\u00e9 \u2713 \ud83d\ude00\\\"}\"}";

	/**
	 * Starts a node of the broker, delivering to the listener, and waits until it can
	 * publish; each call is another node of the same cluster (or an unrelated broker, for
	 * one that has no cluster).
	 * @param listener the node's listener
	 * @return the started broker, closed after the test by the subclass
	 */
	protected abstract Broker startNode(BrokerListener listener) throws Exception;

	@Test
	void aPublicationReachesItsOwnNodesListenerOnceAsPublished() throws Exception {
		Received received = new Received();
		Broker broker = startNode(received);
		subscribe(broker, "news");
		Publication publication = new Publication("news", MESSAGE, "1.2");

		await(broker.publish(publication));

		assertThat(received.stays(1)).containsExactly(publication);
	}

	@Test
	void publicationsToAChannelArriveInTheOrderTheyWerePublished() throws Exception {
		Received received = new Received();
		Broker broker = startNode(received);
		subscribe(broker, "news");
		List<CompletionStage<Void>> published = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			published.add(broker.publish(new Publication("news", "{\"n\":" + i + "}", null)));
		}
		published.forEach(BrokerContractTests::await);
		assertThat(received.awaitCount(500)).extracting(Publication::message)
			.containsExactlyElementsOf(IntStream.range(0, 500).mapToObj((i) -> "{\"n\":" + i + "}").toList());
	}

	@Test
	void whenListeningCompletesNormallyAfterSubscribe() throws Exception {
		Broker broker = startNode(new Received());
		broker.subscribe("news");
		assertThat(broker.whenListening("news").toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
			.isNull();
	}

	protected static void subscribe(Broker broker, String channel) {
		broker.subscribe(channel);
		await(broker.whenListening(channel));
	}

	protected static <T> T await(CompletionStage<T> stage) {
		try {
			return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A listener that keeps what it receives; public for the other contracts' tests.
	 */
	public static final class Received implements BrokerListener {

		private final List<Publication> publications = new CopyOnWriteArrayList<>();

		public Received() {
		}

		@Override
		public void onPublication(Publication publication) {
			this.publications.add(publication);
		}

		public List<Publication> all() {
			return List.copyOf(this.publications);
		}

		public List<Publication> awaitCount(int count) {
			Awaitility.await().atMost(WAIT).until(() -> this.publications.size() >= count);
			return all();
		}

		// the count arrives and stays: nothing is delivered twice
		public List<Publication> stays(int count) {
			awaitCount(count);
			Awaitility.await()
				.during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(2))
				.until(() -> this.publications.size() == count);
			return all();
		}

	}

}
