package dev.sockets.broker;

import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a cluster {@link Broker} must do besides: the nodes {@link #startNode} starts
 * share publications, so another node receives them.
 */
public abstract class ClusterBrokerContractTests extends BrokerContractTests {

	@Test
	void anotherNodeListeningToTheChannelReceivesThePublicationOnceWithItsExceptId() throws Exception {
		Received publisherReceived = new Received();
		Received otherReceived = new Received();
		Received bystanderReceived = new Received();
		Broker publisher = startNode(publisherReceived);
		Broker other = startNode(otherReceived);
		Broker bystander = startNode(bystanderReceived);
		subscribe(publisher, "news");
		subscribe(other, "news");
		subscribe(bystander, "sports");
		Publication publication = new Publication("news", MESSAGE, "7.1");

		await(publisher.publish(publication));

		assertThat(otherReceived.stays(1)).containsExactly(publication);
		assertThat(publisherReceived.stays(1)).containsExactly(publication);
		assertThat(bystanderReceived.all()).isEmpty();
	}

	@Test
	void anotherNodeReceivesOneChannelsPublicationsInOrder() throws Exception {
		Broker publisher = startNode(new Received());
		Received received = new Received();
		Broker other = startNode(received);
		subscribe(other, "news");
		for (int i = 0; i < 500; i++) {
			publisher.publish(new Publication("news", "{\"n\":" + i + "}", null));
		}
		assertThat(received.awaitCount(500)).extracting(Publication::message)
			.containsExactlyElementsOf(IntStream.range(0, 500).mapToObj((i) -> "{\"n\":" + i + "}").toList());
	}

	@Test
	void aNodeThatUnsubscribedNoLongerReceivesOtherNodesPublications() throws Exception {
		Broker publisher = startNode(new Received());
		Received received = new Received();
		Broker other = startNode(received);
		subscribe(other, "news");
		await(publisher.publish(new Publication("news", "{\"before\":true}", null)));
		received.awaitCount(1);

		other.unsubscribe("news");
		// the broker takes its time to leave: probe until a publication no longer arrives
		Awaitility.await().atMost(WAIT).until(() -> {
			int before = received.all().size();
			await(publisher.publish(new Publication("news", "{\"probe\":true}", null)));
			Thread.sleep(200);
			return received.all().size() == before;
		});
		int count = received.all().size();
		await(publisher.publish(new Publication("news", "{\"after\":true}", null)));
		assertThat(received.stays(count)).extracting(Publication::message).doesNotContain("{\"after\":true}");
	}

}
