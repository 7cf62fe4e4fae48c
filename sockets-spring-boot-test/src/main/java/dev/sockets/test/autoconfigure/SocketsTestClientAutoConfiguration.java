package dev.sockets.test.autoconfigure;

import dev.sockets.autoconfigure.SocketsProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@link SocketsTestClients} of {@link AutoConfigureSocketsTestClient}.
 */
@AutoConfiguration
public final class SocketsTestClientAutoConfiguration {

	SocketsTestClientAutoConfiguration() {
	}

	@Bean
	SocketsTestClients socketsTestClients(Environment environment, ObjectProvider<SocketsProperties> properties,
			ObjectProvider<JsonMapper> jsonMapper) {
		// bound here when the test has no starter beans (a slice), so the app key and
		// paths are still the application's
		SocketsProperties sockets = properties
			.getIfAvailable(() -> Binder.get(environment).bindOrCreate("sockets", SocketsProperties.class));
		return new SocketsTestClients(environment, sockets, jsonMapper.getIfAvailable(JsonMapper::shared));
	}

}
