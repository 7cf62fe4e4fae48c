package dev.sockets.benchmarks.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

/**
 * The application under load: the sockets starter at {@code /app/{key}} and, for the
 * ceiling, a raw handler at {@code /raw} that writes one pre-encoded frame to every
 * session.
 */
@SpringBootApplication
@EnableWebSocket
public class BenchmarkServer {

	public static void main(String[] args) {
		SpringApplication.run(BenchmarkServer.class, args);
	}

	/**
	 * With {@code --bench.small-socket-buffers=true}, Tomcat's per-connection socket
	 * buffers shrink from 8 KB each way to 1 KB: the tuning a dedicated socket server
	 * would use, measured beside the defaults.
	 */
	@Bean
	@ConditionalOnBooleanProperty("bench.small-socket-buffers")
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> smallSocketBuffers() {
		return (factory) -> factory.addConnectorCustomizers((connector) -> {
			connector.setProperty("socket.appReadBufSize", "1024");
			connector.setProperty("socket.appWriteBufSize", "1024");
		});
	}

	@Bean
	RawFanOutHandler rawFanOutHandler() {
		return new RawFanOutHandler();
	}

	@Bean
	WebSocketConfigurer rawEndpoint(RawFanOutHandler handler) {
		return (registry) -> registry.addHandler(handler, "/raw");
	}

}
