package dev.sockets.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.sockets.channel.PresenceMember;
import dev.sockets.channel.SignInUser;
import dev.sockets.protocol.ChannelAuth;
import dev.sockets.protocol.Signatures;
import dev.sockets.test.SignedInUsers;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.sockets.test.TestClients.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user-auth endpoint with the application's {@link SignInUser}: its id and
 * {@code user_info} are what is signed, and what the connection then is.
 */
@SpringBootTest(classes = { TestApplication.class, SignedInUsers.class, SignInUserIntegrationTests.Users.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1234", "sockets.app.key=app-key", "sockets.app.secret=app-secret" })
class SignInUserIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final ChannelAuth channelAuth = new ChannelAuth("app-key", new Signatures("app-secret"));

	@LocalServerPort
	private int port;

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Test
	void signsTheApplicationsIdAndUserInfoAndTheConnectionSignsInWithThem() throws Exception {
		try (SocketsTestClient client = TestClients.connect(url())) {
			HttpResponse<String> response = signIn(client.socketId(), "frank-token");
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode body = JSON.readTree(response.body());
			String userData = body.get("user_data").stringValue();
			assertThat(userData).isEqualTo("{\"id\":\"user-7\",\"user_info\":{\"name\":\"Frank\"}}");
			assertThat(body.get("auth").stringValue())
				.isEqualTo(this.channelAuth.signUser(client.socketId(), userData));
			send(client, Map.of("event", "pusher:signin", "data",
					Map.of("auth", body.get("auth").stringValue(), "user_data", userData)));
			JsonNode success = client.nextMessage();
			assertThat(success.get("event").stringValue()).isEqualTo("pusher:signin_success");
			send(client, Map.of("event", "pusher:subscribe", "data", Map.of("channel", "presence-hall", "auth",
					this.channelAuth.sign(client.socketId(), "presence-hall", null))));
			JsonNode joined = client.nextMessage();
			assertThat(joined.get("event").stringValue()).isEqualTo("pusher_internal:subscription_succeeded");
			JsonNode presence = JSON.readTree(joined.get("data").stringValue()).get("presence");
			assertThat(presence.get("hash").get("user-7").get("name").stringValue()).isEqualTo("Frank");
		}
	}

	@Test
	void aUserTheApplicationRefusesIsForbiddenAndAFailingMappingIsAJsonError() throws Exception {
		try (SocketsTestClient client = TestClients.connect(url())) {
			HttpResponse<String> refused = signIn(client.socketId(), "mallory-token");
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(JSON.readTree(refused.body()).get("status").intValue()).isEqualTo(403);
			HttpResponse<String> failed = signIn(client.socketId(), "crash-token");
			assertThat(failed.statusCode()).isEqualTo(500);
			assertThat(JSON.readTree(failed.body()).get("error").stringValue())
				.isEqualTo("Internal error while signing in");
		}
	}

	private HttpResponse<String> signIn(String socketId, String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/sockets/user-auth"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("X-Token", token)
				.POST(HttpRequest.BodyPublishers.ofString("socket_id=" + socketId))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String url() {
		return "ws://127.0.0.1:" + this.socketsPort + "/app/app-key?protocol=7";
	}

	@Configuration(proxyBeanMethods = false)
	static class Users {

		@Bean
		SignInUser signInUser() {
			return (user) -> switch (user.getName()) {
				case "mallory" -> null;
				case "crash" -> throw new IllegalStateException("the user directory is down");
				default -> new PresenceMember("user-7", Map.of("name", "Frank"));
			};
		}

	}

}
