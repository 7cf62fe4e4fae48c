package dev.sockets.server;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS on the Netty port from one of Boot's SSL bundles: wss:// and https:// with a
 * certificate made for the test, and a startup failure naming the property for a bundle
 * that does not exist.
 */
class NettyTlsIntegrationTests {

	private static final String PASSWORD = "secret-password";

	@TempDir
	static Path directory;

	private static Path keystore;

	private static ConfigurableApplicationContext node;

	private static HttpClient client;

	@BeforeAll
	static void start() throws Exception {
		keystore = directory.resolve("sockets.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "sockets", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
				"CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore",
				keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
		node = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties(properties("sockets"))
			.run();
		client = HttpClient.newBuilder().sslContext(trusting(keystore)).build();
	}

	@AfterAll
	static void stop() {
		if (node != null) {
			node.close();
		}
	}

	@Test
	void greetsASocketOverTls() throws Exception {
		CompletableFuture<String> first = new CompletableFuture<>();
		WebSocket socket = client.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(URI.create("wss://127.0.0.1:" + SocketsPort.of(node) + "/app/app-key?protocol=7"),
					new WebSocket.Listener() {
						@Override
						public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
							first.complete(data.toString());
							return null;
						}
					})
			.get(5, TimeUnit.SECONDS);
		try {
			String greeting = first.get(5, TimeUnit.SECONDS);
			assertThat(JsonMapper.shared().readTree(greeting).get("event").stringValue())
				.isEqualTo("pusher:connection_established");
		}
		finally {
			socket.abort();
		}
	}

	@Test
	void servesTheHttpApiOverTls() throws Exception {
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + SocketsPort.of(node) + "/apps/1/channels"))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString());
		// unsigned: refused, in JSON, over TLS
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(JsonMapper.shared().readTree(response.body()).has("error")).isTrue();
	}

	@Test
	void refusesPlainTextOnTheTlsPort() {
		assertThatThrownBy(() -> HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SocketsPort.of(node) + "/apps/1/channels"))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString()))
			.isInstanceOf(java.io.IOException.class);
	}

	@Test
	void aBundleThatDoesNotExistFailsTheStartNamingTheProperty() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties(properties("missing"))
			.run()
			.close()).hasStackTraceContaining("sockets.netty.ssl.bundle").hasStackTraceContaining("missing");
	}

	private static String[] properties(String bundle) {
		return new String[] { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
				"sockets.transport=netty", "sockets.netty.port=0", "sockets.netty.address=127.0.0.1",
				"sockets.netty.ssl.bundle=" + bundle,
				"spring.ssl.bundle.jks.sockets.keystore.location=file:" + keystore,
				"spring.ssl.bundle.jks.sockets.keystore.password=" + PASSWORD,
				"spring.ssl.bundle.jks.sockets.keystore.type=PKCS12" };
	}

	private static SSLContext trusting(Path keystore) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			store.load(in, PASSWORD.toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
