package dev.sockets.channel;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import dev.sockets.test.ThreadDescriptions;
import dev.sockets.test.client.SocketsTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code spring.threads.virtual.enabled}, the application's authorizers and client
 * event handlers run on virtual threads. Java 21 and later only (the build runs these
 * again on a newer JDK where the machine has one; see the pom).
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(classes = { TestApplication.class, VirtualThreadsIntegrationTests.Recorders.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.threads.virtual.enabled=true", "sockets.app.id=1", "sockets.app.key=key",
				"sockets.app.secret=secret", "sockets.client-events.enabled=true" })
class VirtualThreadsIntegrationTests {

	static final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

	@Value(SocketsPort.VALUE)
	int port;

	@Test
	void authorizersAndHandlersRunOnVirtualThreads() throws Exception {
		try (SocketsTestClient client = SocketsTestClient.builder(URI.create("http://127.0.0.1:" + this.port), "key")
			.connect()) {
			client.subscribeInline("private-room");
			assertThat(threads.poll(5, TimeUnit.SECONDS)).startsWith("sockets-authorizer-").endsWith(" virtual");
			client.trigger("private-room", "client-hello", Map.of("text", "hi"));
			assertThat(client.awaitEvent("private-room", "client-hello-reply").json().get("text").asString())
				.isEqualTo("hi");
			assertThat(threads.poll(5, TimeUnit.SECONDS)).startsWith("sockets-handler-").endsWith(" virtual");
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Recorders {

		@Bean
		ChannelAuthorizer recordingAuthorizer() {
			return (request) -> {
				threads.add(ThreadDescriptions.describe(Thread.currentThread()));
				return ChannelDecision.grant();
			};
		}

		@Bean
		Hello hello() {
			return new Hello();
		}

	}

	static class Hello {

		@ClientEventHandler(channel = "private-room", event = "client-hello")
		Map<String, String> hello(Map<String, String> message) {
			threads.add(ThreadDescriptions.describe(Thread.currentThread()));
			return message;
		}

	}

}
