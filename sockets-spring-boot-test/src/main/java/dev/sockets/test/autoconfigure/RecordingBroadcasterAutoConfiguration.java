package dev.sockets.test.autoconfigure;

import dev.sockets.autoconfigure.SocketsAutoConfiguration;
import dev.sockets.broker.DefaultBroadcaster;
import dev.sockets.test.broadcast.RecordingBroadcaster;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The recording broadcaster of {@link AutoConfigureRecordingBroadcaster}: after the
 * starter's, so that the starter still makes its own, which this one passes events to.
 */
@AutoConfiguration(after = SocketsAutoConfiguration.class)
public final class RecordingBroadcasterAutoConfiguration {

	RecordingBroadcasterAutoConfiguration() {
	}

	@Bean
	@Primary
	RecordingBroadcaster socketsRecordingBroadcaster(ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<DefaultBroadcaster> starterBroadcaster) {
		return new RecordingBroadcaster(jsonMapper.getIfAvailable(JsonMapper::shared),
				starterBroadcaster.getIfAvailable());
	}

}
