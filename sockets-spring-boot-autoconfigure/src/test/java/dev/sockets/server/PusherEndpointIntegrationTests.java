package dev.sockets.server;

import java.time.Duration;
import java.util.Map;

import dev.sockets.broker.Broadcaster;
import dev.sockets.protocol.ChannelAuth;
import dev.sockets.protocol.Signatures;
import dev.sockets.test.RawHandshake;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.client.SocketsTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.sockets.test.TestClients.assertNothingWithin;
import static dev.sockets.test.TestClients.awaitClose;
import static dev.sockets.test.TestClients.send;
import static dev.sockets.test.TestClients.subscribe;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.app.id=1234", "sockets.app.key=app-key", "sockets.app.secret=app-secret",
				"sockets.max-message-size=2KB", "sockets.connection.max-channels=5" })
class PusherEndpointIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Duration QUIET = Duration.ofMillis(300);

	@Value(SocketsPort.VALUE)
	private int port;

	@Autowired
	private Broadcaster broadcaster;

	private String url(String key, String query) {
		return "ws://127.0.0.1:" + this.port + "/app/" + key + query;
	}

	private SocketsTestClient connect() throws Exception {
		return TestClients.connect(url("app-key", "?protocol=7&client=js&version=8.6.0&flash=false"));
	}

	@Test
	void connectionEstablishedCarriesSocketIdAndActivityTimeoutAsStringData() throws Exception {
		try (SocketsTestClient client = TestClients.open(url("app-key", "?protocol=7"))) {
			JsonNode frame = client.nextMessage();
			assertThat(frame.get("event").stringValue()).isEqualTo("pusher:connection_established");
			assertThat(frame.get("data").isString()).isTrue();
			JsonNode data = JSON.readTree(frame.get("data").stringValue());
			assertThat(data.get("socket_id").stringValue()).matches("\\d+\\.\\d+");
			assertThat(data.get("activity_timeout").intValue()).isEqualTo(30);
		}
	}

	@Test
	void everyConnectionGetsItsOwnSocketId() throws Exception {
		try (SocketsTestClient one = connect(); SocketsTestClient two = connect()) {
			assertThat(one.socketId()).isNotEqualTo(two.socketId());
		}
	}

	@Test
	void missingProtocolParameterIsTreatedAsVersion7() throws Exception {
		try (SocketsTestClient client = TestClients.connect(url("app-key", ""))) {
			client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("pusher:pong");
		}
	}

	@Test
	void unknownAppKeyGetsError4001ThenClose() throws Exception {
		try (SocketsTestClient client = TestClients.open(url("not-our-key", "?protocol=7"))) {
			JsonNode frame = client.nextMessage();
			assertThat(frame.get("event").stringValue()).isEqualTo("pusher:error");
			assertThat(frame.get("data").get("code").intValue()).isEqualTo(4001);
			assertThat(frame.get("data").get("message").stringValue()).contains("Application does not exist");
			assertThat(awaitClose(client)).isEqualTo(4001);
		}
	}

	@Test
	void unsupportedProtocolGetsError4007ThenClose() throws Exception {
		for (String protocol : new String[] { "4", "8", "seven" }) {
			try (SocketsTestClient client = TestClients.open(url("app-key", "?protocol=" + protocol))) {
				JsonNode frame = client.nextMessage();
				assertThat(frame.get("event").stringValue()).isEqualTo("pusher:error");
				assertThat(frame.get("data").get("code").intValue()).isEqualTo(4007);
				assertThat(awaitClose(client)).isEqualTo(4007);
			}
		}
	}

	@Test
	void aLoneSurrogateInABroadcastReachesEveryoneEscaped() throws Exception {
		try (SocketsTestClient one = connect(); SocketsTestClient two = connect()) {
			subscribeAndAwait(one, "surrogates");
			subscribeAndAwait(two, "surrogates");
			this.broadcaster.to("surrogates").emitRaw("text", "hi \ud83d and \ud83d\ude00");
			assertThat(one.nextFrame()).contains("hi \\ud83d and \ud83d\ude00");
			assertThat(two.nextMessage().get("data").stringValue()).isEqualTo("hi \ud83d and \ud83d\ude00");
			one.send("{\"event\":\"pusher:ping\"}");
			assertThat(one.nextMessage().get("event").stringValue()).isEqualTo("pusher:pong");
		}
	}

	@Test
	void aConnectionMaySubscribeToALimitedNumberOfChannels() throws Exception {
		try (SocketsTestClient client = connect()) {
			for (int i = 0; i < 5; i++) {
				subscribeAndAwait(client, "limited-" + i);
			}
			subscribe(client, "limited-5");
			JsonNode refused = client.nextMessage();
			assertThat(refused.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(refused.get("data").get("type").stringValue()).isEqualTo("LimitReached");
			subscribeAndAwait(client, "limited-0");
			send(client, Map.of("event", "pusher:unsubscribe", "data", Map.of("channel", "limited-0")));
			subscribeAndAwait(client, "limited-5");
		}
	}

	@Test
	void pingIsAnsweredWithPong() throws Exception {
		try (SocketsTestClient client = connect()) {
			client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
			assertThat(client.nextFrame()).isEqualTo("{\"event\":\"pusher:pong\",\"data\":\"{}\"}");
			client.send("{\"event\":\"pusher:ping\",\"data\":\"\"}");
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("pusher:pong");
			client.send("{\"event\":\"pusher:ping\"}");
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("pusher:pong");
			client.send("{\"event\":\"pusher:ping\",\"data\":\"not json\"}");
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("pusher:pong");
		}
	}

	@Test
	void publicSubscriptionSucceedsWithStringData() throws Exception {
		try (SocketsTestClient client = connect()) {
			subscribe(client, "public-news");
			assertThat(client.nextFrame()).isEqualTo(
					"{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"public-news\",\"data\":\"{}\"}");
		}
	}

	@Test
	void subscribeAcceptsDataAsAJsonString() throws Exception {
		try (SocketsTestClient client = connect()) {
			client.send("{\"event\":\"pusher:subscribe\",\"data\":\"{\\\"channel\\\":\\\"stringly\\\"}\"}");
			assertThat(client.nextMessage().get("channel").stringValue()).isEqualTo("stringly");
		}
	}

	@Test
	void subscribersReceiveBroadcastsAndUnsubscribedOnesDoNot() throws Exception {
		try (SocketsTestClient subscriber = connect(); SocketsTestClient other = connect()) {
			subscribeAndAwait(subscriber, "orders");
			subscribeAndAwait(other, "elsewhere");
			this.broadcaster.to("orders").emitRaw("order.shipped", "{\"id\":42}");
			assertThat(subscriber.nextFrame())
				.isEqualTo("{\"event\":\"order.shipped\",\"channel\":\"orders\",\"data\":\"{\\\"id\\\":42}\"}");
			assertNothingWithin(other, QUIET);

			send(subscriber, Map.of("event", "pusher:unsubscribe", "data", Map.of("channel", "orders")));
			subscriber.send("{\"event\":\"pusher:ping\"}");
			assertThat(subscriber.nextMessage().get("event").stringValue()).isEqualTo("pusher:pong");
			this.broadcaster.to("orders").emitRaw("order.shipped", "{\"id\":43}");
			assertNothingWithin(subscriber, QUIET);
		}
	}

	@Test
	void repeatedSubscribeSucceedsAgainAndDeliversOnce() throws Exception {
		try (SocketsTestClient client = connect()) {
			subscribeAndAwait(client, "twice");
			subscribeAndAwait(client, "twice");
			this.broadcaster.to("twice").emitRaw("e", "x");
			assertThat(client.nextMessage().get("data").stringValue()).isEqualTo("x");
			assertNothingWithin(client, QUIET);
		}
	}

	@Test
	void unsubscribingFromAChannelNotHeldIsSilent() throws Exception {
		try (SocketsTestClient client = connect()) {
			send(client, Map.of("event", "pusher:unsubscribe", "data", Map.of("channel", "never")));
			assertNothingWithin(client, QUIET);
		}
	}

	@Test
	void broadcastSerializesObjectsWithTheApplicationMapperAndSkipsTheExceptedSocket() throws Exception {
		try (SocketsTestClient sender = connect(); SocketsTestClient receiver = connect()) {
			subscribeAndAwait(sender, "chat");
			subscribeAndAwait(receiver, "chat");
			this.broadcaster.to("chat").except(sender.socketId()).emit("message", Map.of("text", "héllo \"you\""));
			JsonNode frame = receiver.nextMessage();
			assertThat(frame.get("event").stringValue()).isEqualTo("message");
			assertThat(JSON.readTree(frame.get("data").stringValue()).get("text").stringValue())
				.isEqualTo("héllo \"you\"");
			assertNothingWithin(sender, QUIET);
		}
	}

	@Test
	void oneBroadcastReachesEveryChannelItNames() throws Exception {
		try (SocketsTestClient a = connect(); SocketsTestClient b = connect()) {
			subscribeAndAwait(a, "room-a");
			subscribeAndAwait(b, "room-b");
			this.broadcaster.to("room-a", "room-b").emit("hello", 1);
			assertThat(a.nextMessage().get("channel").stringValue()).isEqualTo("room-a");
			assertThat(b.nextMessage().get("channel").stringValue()).isEqualTo("room-b");
		}
	}

	@Test
	void privateChannelNeedsAValidSignatureForThisSocket() throws Exception {
		ChannelAuth auth = new ChannelAuth("app-key", new Signatures("app-secret"));
		try (SocketsTestClient client = connect(); SocketsTestClient other = connect()) {
			subscribe(client, "private-orders.42");
			JsonNode error = client.nextMessage();
			assertThat(error.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(error.get("channel").stringValue()).isEqualTo("private-orders.42");
			assertThat(error.get("data").get("type").stringValue()).isEqualTo("AuthError");
			assertThat(error.get("data").get("status").intValue()).isEqualTo(401);

			String replayed = auth.sign(other.socketId(), "private-orders.42", null);
			send(client, Map.of("event", "pusher:subscribe", "data",
					Map.of("auth", replayed, "channel", "private-orders.42")));
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("pusher:subscription_error");

			String forOtherChannel = auth.sign(client.socketId(), "private-orders.43", null);
			send(client, Map.of("event", "pusher:subscribe", "data",
					Map.of("auth", forOtherChannel, "channel", "private-orders.42")));
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("pusher:subscription_error");

			String valid = auth.sign(client.socketId(), "private-orders.42", null);
			send(client,
					Map.of("event", "pusher:subscribe", "data", Map.of("auth", valid, "channel", "private-orders.42")));
			assertThat(client.nextMessage().get("event").stringValue())
				.isEqualTo("pusher_internal:subscription_succeeded");
		}
	}

	@Test
	void presenceAndReservedChannelsAreRefusedNotSilentlyAccepted() throws Exception {
		try (SocketsTestClient client = connect()) {
			subscribe(client, "presence-room.7");
			JsonNode presence = client.nextMessage();
			assertThat(presence.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(presence.get("channel").stringValue()).isEqualTo("presence-room.7");
			subscribe(client, "#server-to-user-42");
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("pusher:subscription_error");
		}
	}

	@Test
	void invalidChannelNamesGetASubscriptionErrorAndTheConnectionKeepsWorking() throws Exception {
		try (SocketsTestClient client = connect()) {
			for (String name : new String[] { "has space", "slash/", "ünïcode", "x".repeat(201), "" }) {
				subscribe(client, name);
				JsonNode error = client.nextMessage();
				assertThat(error.get("event").stringValue()).isEqualTo("pusher:subscription_error");
				assertThat(error.get("data").get("status").intValue()).isEqualTo(400);
			}
			subscribeAndAwait(client, "x".repeat(200));
		}
	}

	@Test
	void malformedMessagesGetAnErrorAndTheConnectionKeepsWorking() throws Exception {
		try (SocketsTestClient client = connect()) {
			String[] bad = { "not json", "[1,2]", "{}", "{\"event\":42}", "{\"event\":\"pusher:subscribe\"}",
					"{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":7}}",
					"{\"event\":\"pusher:subscribe\",\"data\":\"not json either\"}" };
			for (String text : bad) {
				client.send(text);
				JsonNode error = client.nextMessage();
				assertThat(error.get("event").stringValue()).as(text).isEqualTo("pusher:error");
				assertThat(error.get("data").get("code").isNull()).as(text).isTrue();
				assertThat(error.get("data").get("message").stringValue()).as(text).isNotBlank();
			}
			subscribeAndAwait(client, "still-fine");
		}
	}

	@Test
	void unknownEventsGetTheProtocolsErrors() throws Exception {
		try (SocketsTestClient client = connect()) {
			client.send("{\"event\":\"pusher:nonsense\",\"data\":{}}");
			JsonNode unsupported = client.nextMessage();
			assertThat(unsupported.get("data").get("message").stringValue())
				.isEqualTo("Unsupported event received on socket: pusher:nonsense");
			client.send("{\"event\":\"hello\",\"data\":{}}");
			assertThat(client.nextMessage().get("data").get("message").stringValue())
				.isEqualTo("Unsupported event received on socket: hello");
			client.send("{\"event\":\"client-typing\",\"channel\":\"private-x\",\"data\":{}}");
			assertThat(client.nextMessage().get("data").get("code").intValue()).isEqualTo(4301);
			client.send("{\"event\":\"pusher:ping\"}");
			assertThat(client.nextMessage().get("event").stringValue()).isEqualTo("pusher:pong");
		}
	}

	@Test
	void oversizedMessagesAndBinaryFramesAreRejectedWithoutClosing() throws Exception {
		try (SocketsTestClient client = connect()) {
			client.send("{\"event\":\"pusher:ping\",\"data\":{\"pad\":\"" + "x".repeat(3000) + "\"}}");
			JsonNode tooLarge = client.nextMessage();
			assertThat(tooLarge.get("event").stringValue()).isEqualTo("pusher:error");
			assertThat(tooLarge.get("data").get("code").intValue()).isEqualTo(4301);
			assertThat(tooLarge.get("data").get("message").stringValue()).contains("2048");

			client.sendBinary("{\"event\":\"pusher:ping\"}".getBytes());
			JsonNode binary = client.nextMessage();
			assertThat(binary.get("event").stringValue()).isEqualTo("pusher:error");
			assertThat(binary.get("data").get("message").stringValue()).contains("Binary");

			subscribeAndAwait(client, "after-abuse");
			assertThat(client.isClosed()).isFalse();
		}
	}

	@Test
	void badInputOnOneConnectionNeverDisturbsAnother() throws Exception {
		try (SocketsTestClient abuser = connect(); SocketsTestClient bystander = connect()) {
			subscribeAndAwait(bystander, "calm");
			abuser.send("{{{");
			abuser.sendBinary(new byte[] { 1, 2, 3 });
			abuser.send("x".repeat(100_000));
			abuser.send("{\"event\":\"pusher:ping\",\"data\":\"" + "\\u0000".repeat(5000) + "\"}");
			this.broadcaster.to("calm").emitRaw("still", "here");
			assertThat(bystander.nextMessage().get("data").stringValue()).isEqualTo("here");
		}
	}

	@Test
	void messagesFarBeyondTheLimitAreDiscardedWithoutBufferingThem() throws Exception {
		try (SocketsTestClient abuser = connect()) {
			abuser.send("x".repeat(1_000_000));
			assertThat(abuser.nextMessage().get("data").get("message").stringValue())
				.isEqualTo("Message of 1000000 bytes exceeds the limit of 2048 bytes");
			abuser.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + "y".repeat(200) + "\",\"pad\":\""
					+ "z".repeat(1700) + "\"}}");
			assertThat(abuser.nextMessage().get("event").stringValue())
				.isEqualTo("pusher_internal:subscription_succeeded");
		}
	}

	@Test
	void compressionIsNotNegotiatedByDefault() throws Exception {
		assertThat(RawHandshake.responseHead(this.port, "/app/app-key?protocol=7",
				"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"))
			.startsWith("HTTP/1.1 101")
			.doesNotContainIgnoringCase("permessage-deflate");
	}

	@Test
	void crossSiteHandshakesAreRefusedAndClientsWithoutOriginAccepted() throws Exception {
		assertThat(RawHandshake.responseHead(this.port, "/app/app-key", "Origin: https://evil.example\r\n"))
			.startsWith("HTTP/1.1 403");
		assertThat(
				RawHandshake.responseHead(this.port, "/app/app-key", "Origin: http://127.0.0.1:" + this.port + "\r\n"))
			.startsWith("HTTP/1.1 101");
		assertThat(RawHandshake.responseHead(this.port, "/app/app-key", "")).startsWith("HTTP/1.1 101");
	}

	// Before, Spring's same-origin check threw on these: HTTP 500 and a 111-line stack
	// trace at ERROR for each, about 120 MB of log a minute from one client
	@Test
	void aMalformedOriginIsRefusedWith403AndLogsNothing(CapturedOutput output) throws Exception {
		for (String origin : new String[] { "http://%zz", "http://a:b:c" }) {
			RawHandshake.Response response = RawHandshake.response(this.port, "/app/app-key",
					"Origin: " + origin + "\r\n");
			assertThat(response.head()).startsWith("HTTP/1.1 403");
			assertThat(response.body()).contains("The Origin header is malformed");
		}
		assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain(" WARN ").doesNotContain("\tat ");
	}

}
