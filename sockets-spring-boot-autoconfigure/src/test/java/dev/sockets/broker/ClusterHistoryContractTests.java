package dev.sockets.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.sockets.broker.BrokerContractTests.Received;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a cluster {@link Broker} that keeps histories must do besides: the nodes
 * {@link #startNode} starts share each channel's history, and every node delivers a
 * channel's recorded publications in the order of their positions, whichever node
 * published them.
 */
public abstract class ClusterHistoryContractTests extends HistoryContractTests {

	private static final int EACH = 500;

	@Test
	void nodesPublishingAtOnceEachDeliverEveryPublicationInTheOrderOfThePositions() throws Exception {
		Received receivedOnA = new Received();
		Received receivedOnB = new Received();
		Broker a = startNode(receivedOnA);
		Broker b = startNode(receivedOnB);
		subscribe(a, "orders");
		subscribe(b, "orders");

		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<List<CompletionStage<Void>>> fromA = threads.submit(() -> publishFrom(a, "a"));
			Future<List<CompletionStage<Void>>> fromB = threads.submit(() -> publishFrom(b, "b"));
			List<CompletionStage<Void>> published = new ArrayList<>(fromA.get());
			published.addAll(fromB.get());
			await(CompletableFuture
				.allOf(published.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new)));
		}
		finally {
			threads.shutdownNow();
		}

		List<Publication> onA = receivedOnA.stays(2 * EACH);
		List<Publication> onB = receivedOnB.stays(2 * EACH);
		String epoch = onA.get(0).position().epoch();
		for (List<Publication> delivered : List.of(onA, onB)) {
			assertThat(delivered).extracting((publication) -> publication.position().offset())
				.containsExactlyElementsOf(range(1, 2 * EACH));
			assertThat(delivered).extracting((publication) -> publication.position().epoch()).containsOnly(epoch);
			// and each node's in the order it published them
			for (String node : List.of("a", "b")) {
				assertThat(delivered.stream()
					.filter((publication) -> publication.message().startsWith("{\"" + node + "\"")))
					.extracting((publication) -> publication.message().substring(0, publication.message().indexOf(',')))
					.containsExactlyElementsOf(range(1, EACH).stream().map((n) -> "{\"" + node + "\":" + n).toList());
			}
		}
		assertThat(onB).isEqualTo(onA);
		assertThat(await(a.history("orders", -1, 0, RETENTION)).head()).isEqualTo(new StreamPosition(epoch, 2 * EACH));
	}

	@Test
	void aPublicationRecordedOnOneNodeIsInTheHistoryEveryNodeReads() throws Exception {
		Broker a = startNode(new Received());
		Broker b = startNode(new Received());
		StreamPosition started = await(b.history("orders", -1, 10, RETENTION)).head();

		await(a.publishRecorded(new Publication("orders", "{\"n\":1}", null), RETENTION));

		History read = await(b.history("orders", -1, 10, RETENTION));
		assertThat(read.head()).isEqualTo(new StreamPosition(started.epoch(), 1));
		assertThat(offsets(read)).containsExactly(1L);
	}

	private static List<CompletionStage<Void>> publishFrom(Broker broker, String node) {
		List<CompletionStage<Void>> published = new ArrayList<>();
		for (long n = 1; n <= EACH; n++) {
			published.add(
					broker.publishRecorded(new Publication("orders", "{\"" + node + "\":" + n + "}", null), RETENTION));
		}
		return published;
	}

}
