package dev.sockets.sample.page;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the netty profile the page learns the Netty server's port, and a browser page of
 * the app's own origin may open its WebSocket there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("netty")
@TestPropertySource(properties = "sockets.netty.port=0")
class PageConfigIntegrationTests {

	@LocalServerPort
	private int port;

	@Value("${local.sockets.netty.port}")
	private int nettyPort;

	@Test
	void thePageConnectsToTheNettyPort() throws Exception {
		HttpResponse<String> config = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/page-config")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(config.statusCode()).isEqualTo(200);
		assertThat(config.body()).isEqualTo("{\"socketsPort\":" + this.nettyPort + "}");
		assertThat(this.nettyPort).isNotEqualTo(this.port);
	}

}
