package dev.sockets.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.test.RawHandshake;
import dev.sockets.test.RawWebSocket;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import jakarta.servlet.http.HttpSession;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser logged in with a session cookie keeps its user on the Netty port, which runs
 * none of the application's filters: the session is read where the application keeps it,
 * in Tomcat's sessions or in Spring Session's repository.
 */
@SpringBootTest(classes = { TestApplication.class, NettySessionPrincipalIntegrationTests.Login.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret", SocketsPort.NETTY,
				SocketsPort.FREE_NETTY_PORT, "sockets.handshake.allow-anonymous=false" })
class NettySessionPrincipalIntegrationTests {

	@LocalServerPort
	private int applicationPort;

	@Value(SocketsPort.VALUE)
	private int nettyPort;

	@Autowired
	private ConnectionRegistry connections;

	@Test
	void theTomcatSessionsUserIsTheConnectionsPrincipal() throws Exception {
		HttpResponse<String> login = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.applicationPort + "/test-login?user=alice"))
				.build(), HttpResponse.BodyHandlers.ofString());
		String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
		assertThat(cookie).startsWith("JSESSIONID=");

		assertThat(RawHandshake.responseHead(this.nettyPort, "/app/app-key", "")).startsWith("HTTP/1.1 401");
		assertThat(RawHandshake.responseHead(this.nettyPort, "/app/app-key", "Cookie: JSESSIONID=forged\r\n"))
			.startsWith("HTTP/1.1 401");
		try (RawWebSocket socket = RawWebSocket.open(this.nettyPort, "/app/app-key",
				"Cookie: a=b; " + cookie + "\r\n")) {
			assertThat(socket.firstFrame()).contains("connection_established");
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> this.connections.all()
					.stream()
					.anyMatch((connection) -> "alice".equals(connection.userId())));
		}
	}

	@Test
	void aSpringSessionRepositorysUserIsTheConnectionsPrincipal() throws Exception {
		MapSessionRepository repository = new MapSessionRepository(new ConcurrentHashMap<>());
		MapSession session = repository.createSession();
		session.setAttribute("SPRING_SECURITY_CONTEXT",
				new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated("bob", null, List.of())));
		repository.save(session);
		String cookie = "SESSION="
				+ Base64.getEncoder().encodeToString(session.getId().getBytes(StandardCharsets.UTF_8));
		try (ConfigurableApplicationContext node = new SpringApplicationBuilder(TestApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("sessionRepository", repository))
			.properties("server.port=0", "sockets.app.id=1", "sockets.app.key=app-key", "sockets.app.secret=secret",
					SocketsPort.NETTY, SocketsPort.FREE_NETTY_PORT, "sockets.handshake.allow-anonymous=false")
			.run()) {
			int port = SocketsPort.of(node);
			assertThat(RawHandshake.responseHead(port, "/app/app-key", "Cookie: SESSION=Zm9yZ2Vk\r\n"))
				.startsWith("HTTP/1.1 401");
			ConnectionRegistry registry = node.getBean(ConnectionRegistry.class);
			try (RawWebSocket socket = RawWebSocket.open(port, "/app/app-key", "Cookie: " + cookie + "\r\n")) {
				assertThat(socket.firstFrame()).contains("connection_established");
				Awaitility.await()
					.atMost(Duration.ofSeconds(5))
					.until(() -> registry.all().stream().anyMatch((connection) -> "bob".equals(connection.userId())));
			}
		}
	}

	// what a login form does: Spring Security's context in the HTTP session
	@Configuration(proxyBeanMethods = false)
	@RestController
	static class Login {

		@GetMapping("/test-login")
		String login(@RequestParam String user, HttpSession session) {
			session.setAttribute("SPRING_SECURITY_CONTEXT",
					new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of())));
			return "ok";
		}

	}

}
