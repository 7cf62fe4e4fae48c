package dev.sockets.presence;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.sockets.broker.LocalBroker;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands between nodes: what another node sends is carried out, anything malformed or
 * unknown is dropped and counted, never carried out.
 */
class ClusterControlTests {

	private final ClusterControl control = new ClusterControl(new LocalBroker(), JsonMapper.shared(), 1);

	private final List<ClusterControl.Command> carriedOut = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.control.destroy();
	}

	@Test
	void carriesOutAnotherNodesCommandsAndDropsMalformedOrUnknownOnes() {
		this.control.handleWith(this.carriedOut::add);
		List<String> bad = List.of("not json", "{}", "{\"operation\":\"explode\",\"node\":2}",
				"{\"operation\":\"disconnect\",\"node\":2}",
				"{\"operation\":\"remove\",\"userId\":\"alice\",\"node\":2}",
				"{\"operation\":\"close\",\"channel\":\"bad name\",\"node\":2}");
		bad.forEach(this.control::receive);
		this.control.receive("{\"operation\":\"close\",\"channel\":\"news\",\"node\":1}");
		this.control.receive("{\"operation\":\"remove\",\"userId\":\"alice\",\"channel\":\"news\",\"node\":2}");
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> this.carriedOut.size() == 1);
		assertThat(this.carriedOut).singleElement().isEqualTo(new ClusterControl.Command("remove", "alice", "news", 2));
		assertThat(this.control.ignoredCount()).isEqualTo(bad.size());
	}

}
