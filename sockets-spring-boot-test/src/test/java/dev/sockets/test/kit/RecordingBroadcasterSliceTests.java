package dev.sockets.test.kit;

import dev.sockets.test.autoconfigure.AutoConfigureRecordingBroadcaster;
import dev.sockets.test.broadcast.RecordingBroadcaster;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A controller slice: no WebSocket server, only what the controller emits.
 */
@WebMvcTest(KitApplication.OrderController.class)
@AutoConfigureRecordingBroadcaster
class RecordingBroadcasterSliceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	RecordingBroadcaster broadcaster;

	@Test
	void theControllersBroadcastIsRecorded() throws Exception {
		this.mvc.perform(post("/orders/42/ship")).andExpect(status().isOk());
		assertThat(this.broadcaster.broadcastsTo("orders")).singleElement().satisfies((shipped) -> {
			assertThat(shipped.event()).isEqualTo("order.shipped");
			assertThat(shipped.json().get("id").asString()).isEqualTo("42");
		});
	}

}
