package dev.sockets.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import dev.sockets.broker.BrokerContractTests.Received;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Broker} that keeps histories must do, as
 * {@link Broker#publishRecorded} and {@link Broker#history} promise; each such broker's
 * tests extend this, and a cluster broker's extend {@link ClusterHistoryContractTests}.
 */
public abstract class HistoryContractTests {

	protected static final Duration WAIT = BrokerContractTests.WAIT;

	protected static final Retention RETENTION = new Retention(100, Duration.ofMinutes(5));

	// not ASCII, with the quotes and backslashes of real double-encoded data
	protected static final String MESSAGE = BrokerContractTests.MESSAGE;

	/**
	 * Starts a node of the broker, delivering to the listener, and waits until it can
	 * publish; each call is another node of the same cluster (or an unrelated broker, for
	 * one that has no cluster).
	 * @param listener the node's listener
	 * @return the started broker, closed after the test by the subclass
	 */
	protected abstract Broker startNode(BrokerListener listener) throws Exception;

	@Test
	void positionsStartAtOneInAFreshEpochAndIncreaseByOne() throws Exception {
		Received received = new Received();
		Broker broker = startNode(received);
		subscribe(broker, "orders");
		for (int i = 1; i <= 3; i++) {
			await(broker.publishRecorded(new Publication("orders", "{\"n\":" + i + "}", null), RETENTION));
		}
		List<Publication> publications = received.stays(3);
		String epoch = publications.get(0).position().epoch();
		assertThat(publications).extracting(Publication::position)
			.containsExactly(new StreamPosition(epoch, 1), new StreamPosition(epoch, 2), new StreamPosition(epoch, 3));
		assertThat(await(broker.history("orders", -1, 0, RETENTION)).head()).isEqualTo(new StreamPosition(epoch, 3));
	}

	// for a cluster broker, its script makes the message: it must be Publication.at's
	@Test
	void theListenerReceivesARecordedPublicationAtItsPositionWithTheMessageEndingInIt() throws Exception {
		Received received = new Received();
		Broker broker = startNode(received);
		subscribe(broker, "news");
		Publication publication = new Publication("news", MESSAGE, "1.2", Map.of("traceparent", "00-abc-def-01"));

		await(broker.publishRecorded(publication, RETENTION));

		Publication delivered = received.stays(1).get(0);
		StreamPosition position = delivered.position();
		assertThat(position).isNotNull();
		assertThat(position.offset()).isOne();
		assertThat(delivered).isEqualTo(publication.at(position));
		assertThat(delivered.message()).isEqualTo(MESSAGE.substring(0, MESSAGE.length() - 1)
				+ ",\"position\":{\"epoch\":\"" + position.epoch() + "\",\"offset\":1}}");
		assertThat(await(broker.history("news", -1, 10, RETENTION)).publications()).extracting(Publication::message)
			.containsExactly(delivered.message());
	}

	@Test
	void readingTheNewestGivesTheLastOnesOldestFirst() throws Exception {
		Broker broker = startNode(new Received());
		publish(broker, "orders", 10, RETENTION);

		History history = await(broker.history("orders", -1, 3, RETENTION));

		assertThat(history.head().offset()).isEqualTo(10);
		assertThat(offsets(history)).containsExactly(8L, 9L, 10L);
		assertThat(history.publications()).allSatisfy((recorded) -> {
			assertThat(recorded.channel()).isEqualTo("orders");
			assertThat(recorded.position().epoch()).isEqualTo(history.head().epoch());
			assertThat(recorded.message())
				.isEqualTo(new Publication("orders", "{\"n\":" + recorded.position().offset() + "}", null)
					.at(recorded.position())
					.message());
		});
		assertThat(offsets(await(broker.history("orders", -1, 50, RETENTION)))).containsExactlyElementsOf(range(1, 10));
	}

	@Test
	void readingAfterAnOffsetGivesWhatFollowsItOldestFirst() throws Exception {
		Broker broker = startNode(new Received());
		publish(broker, "orders", 10, RETENTION);

		assertThat(offsets(await(broker.history("orders", 4, 3, RETENTION)))).containsExactly(5L, 6L, 7L);
		assertThat(offsets(await(broker.history("orders", 0, 100, RETENTION)))).containsExactlyElementsOf(range(1, 10));
		assertThat(offsets(await(broker.history("orders", 9, 5, RETENTION)))).containsExactly(10L);
		assertThat(offsets(await(broker.history("orders", 10, 5, RETENTION)))).isEmpty();
		assertThat(offsets(await(broker.history("orders", 25, 5, RETENTION)))).isEmpty();
		History headOnly = await(broker.history("orders", 4, 0, RETENTION));
		assertThat(headOnly.head().offset()).isEqualTo(10);
		assertThat(headOnly.publications()).isEmpty();
	}

	@Test
	void theHistoryKeepsItsSizeWhileTheOffsetsCountEveryEvent() throws Exception {
		Broker broker = startNode(new Received());
		Retention five = new Retention(5, Duration.ofMinutes(5));
		publish(broker, "orders", 10, five);

		History history = await(broker.history("orders", 0, 100, five));

		assertThat(history.head().offset()).isEqualTo(10);
		assertThat(offsets(history)).containsExactlyElementsOf(range(6, 10));
		assertThat(offsets(await(broker.history("orders", -1, 100, five)))).containsExactlyElementsOf(range(6, 10));
	}

	@Test
	void anExpiredHistoryStartsANewEpochAtTheNextRead() throws Exception {
		Broker broker = startNode(new Received());
		Retention brief = new Retention(100, Duration.ofMillis(300));
		publish(broker, "orders", 2, brief);
		String expired = await(broker.history("orders", -1, 0, brief)).head().epoch();

		// reads do not keep a history alive: only events do
		History fresh = Awaitility.await()
			.atMost(WAIT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> await(broker.history("orders", -1, 10, brief)),
					(read) -> !read.head().epoch().equals(expired));

		assertThat(fresh.head().offset()).isZero();
		assertThat(fresh.publications()).isEmpty();
	}

	@Test
	void anExpiredHistoryStartsANewEpochAtTheNextPublication() throws Exception {
		Received received = new Received();
		Broker broker = startNode(received);
		subscribe(broker, "orders");
		Retention brief = new Retention(100, Duration.ofMillis(300));
		await(broker.publishRecorded(new Publication("orders", "{\"n\":1}", null), brief));
		await(broker.publishRecorded(new Publication("orders", "{\"n\":2}", null), brief));
		StreamPosition second = received.awaitCount(2).get(1).position();

		// nothing to wait for: the history expires when nothing happens
		TimeUnit.MILLISECONDS.sleep(600);
		await(broker.publishRecorded(new Publication("orders", "{\"n\":3}", null), brief));

		StreamPosition third = received.awaitCount(3).get(2).position();
		assertThat(second.offset()).isEqualTo(2);
		assertThat(third.epoch()).isNotEqualTo(second.epoch());
		assertThat(third.offset()).isOne();
		assertThat(offsets(await(broker.history("orders", -1, 10, brief)))).containsExactly(1L);
	}

	@Test
	void aReadOnAFreshChannelStartsAnEpochThatItsFirstPublicationKeeps() throws Exception {
		Received received = new Received();
		Broker broker = startNode(received);
		subscribe(broker, "orders");

		History first = await(broker.history("orders", -1, 10, RETENTION));
		assertThat(first.head().offset()).isZero();
		assertThat(first.publications()).isEmpty();
		assertThat(await(broker.history("orders", 0, 10, RETENTION)).head()).isEqualTo(first.head());

		await(broker.publishRecorded(new Publication("orders", "{}", null), RETENTION));
		assertThat(received.stays(1).get(0).position()).isEqualTo(new StreamPosition(first.head().epoch(), 1));
	}

	@Test
	void aPlainPublicationIsNotRecorded() throws Exception {
		Received received = new Received();
		Broker broker = startNode(received);
		subscribe(broker, "orders");
		StreamPosition head = await(broker.history("orders", -1, 10, RETENTION)).head();
		Publication plain = new Publication("orders", "{\"plain\":true}", null);

		await(broker.publish(plain));

		assertThat(received.stays(1)).containsExactly(plain);
		History history = await(broker.history("orders", -1, 10, RETENTION));
		assertThat(history.head()).isEqualTo(head);
		assertThat(history.publications()).isEmpty();
	}

	@Test
	void eachChannelHasAHistoryOfItsOwn() throws Exception {
		Broker broker = startNode(new Received());
		publish(broker, "orders", 3, RETENTION);
		publish(broker, "invoices", 1, RETENTION);

		History orders = await(broker.history("orders", -1, 10, RETENTION));
		History invoices = await(broker.history("invoices", -1, 10, RETENTION));

		assertThat(orders.head().offset()).isEqualTo(3);
		assertThat(invoices.head().offset()).isOne();
		assertThat(invoices.publications()).extracting(Publication::channel).containsExactly("invoices");
	}

	protected static void publish(Broker broker, String channel, int count, Retention retention) {
		for (int i = 1; i <= count; i++) {
			await(broker.publishRecorded(new Publication(channel, "{\"n\":" + i + "}", null), retention));
		}
	}

	protected static List<Long> offsets(History history) {
		return history.publications().stream().map((recorded) -> recorded.position().offset()).toList();
	}

	protected static List<Long> range(long first, long last) {
		return LongStream.rangeClosed(first, last).boxed().toList();
	}

	protected static void subscribe(Broker broker, String channel) {
		BrokerContractTests.subscribe(broker, channel);
	}

	protected static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
		return BrokerContractTests.await(stage);
	}

}
