package dev.sockets.connection;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SocketIdsTests {

	@Test
	void idsMatchTheSdkFormatAndNeverRepeat() {
		SocketIds ids = new SocketIds();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String id = ids.next();
			assertThat(id).matches("^\\d+\\.\\d+$");
			assertThat(seen.add(id)).isTrue();
		}
	}

	@Test
	void nodesDrawDifferentNodeNumbers() {
		assertThat(new SocketIds().node()).isNotEqualTo(new SocketIds().node()).isPositive();
	}

}
