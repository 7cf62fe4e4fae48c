package dev.sockets.server;

import java.time.Duration;
import java.util.Map;

import dev.sockets.broker.Broadcaster;
import dev.sockets.protocol.ChannelAuth;
import dev.sockets.protocol.Signatures;
import dev.sockets.test.PusherTestClient;
import dev.sockets.test.RawHandshake;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
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

	private PusherTestClient connect() throws Exception {
		return PusherTestClient.connect(url("app-key", "?protocol=7&client=js&version=8.6.0&flash=false"));
	}

	@Test
	void connectionEstablishedCarriesSocketIdAndActivityTimeoutAsStringData() throws Exception {
		try (PusherTestClient client = PusherTestClient.open(url("app-key", "?protocol=7"))) {
			JsonNode frame = client.next();
			assertThat(frame.get("event").stringValue()).isEqualTo("pusher:connection_established");
			assertThat(frame.get("data").isString()).isTrue();
			JsonNode data = JSON.readTree(frame.get("data").stringValue());
			assertThat(data.get("socket_id").stringValue()).matches("\\d+\\.\\d+");
			assertThat(data.get("activity_timeout").intValue()).isEqualTo(30);
		}
	}

	@Test
	void everyConnectionGetsItsOwnSocketId() throws Exception {
		try (PusherTestClient one = connect(); PusherTestClient two = connect()) {
			assertThat(one.socketId()).isNotEqualTo(two.socketId());
		}
	}

	@Test
	void missingProtocolParameterIsTreatedAsVersion7() throws Exception {
		try (PusherTestClient client = PusherTestClient.connect(url("app-key", ""))) {
			client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
			assertThat(client.next().get("event").stringValue()).isEqualTo("pusher:pong");
		}
	}

	@Test
	void unknownAppKeyGetsError4001ThenClose() throws Exception {
		try (PusherTestClient client = PusherTestClient.open(url("not-our-key", "?protocol=7"))) {
			JsonNode frame = client.next();
			assertThat(frame.get("event").stringValue()).isEqualTo("pusher:error");
			assertThat(frame.get("data").get("code").intValue()).isEqualTo(4001);
			assertThat(frame.get("data").get("message").stringValue()).contains("Application does not exist");
			assertThat(client.awaitClose()).isEqualTo(4001);
		}
	}

	@Test
	void unsupportedProtocolGetsError4007ThenClose() throws Exception {
		for (String protocol : new String[] { "4", "8", "seven" }) {
			try (PusherTestClient client = PusherTestClient.open(url("app-key", "?protocol=" + protocol))) {
				JsonNode frame = client.next();
				assertThat(frame.get("event").stringValue()).isEqualTo("pusher:error");
				assertThat(frame.get("data").get("code").intValue()).isEqualTo(4007);
				assertThat(client.awaitClose()).isEqualTo(4007);
			}
		}
	}

	@Test
	void aLoneSurrogateInABroadcastReachesEveryoneEscaped() throws Exception {
		try (PusherTestClient one = connect(); PusherTestClient two = connect()) {
			one.subscribeAndAwait("surrogates");
			two.subscribeAndAwait("surrogates");
			this.broadcaster.to("surrogates").emitRaw("text", "hi \ud83d and \ud83d\ude00");
			assertThat(one.nextText()).contains("hi \\ud83d and \ud83d\ude00");
			assertThat(two.next().get("data").stringValue()).isEqualTo("hi \ud83d and \ud83d\ude00");
			one.send("{\"event\":\"pusher:ping\"}");
			assertThat(one.next().get("event").stringValue()).isEqualTo("pusher:pong");
		}
	}

	@Test
	void aConnectionMaySubscribeToALimitedNumberOfChannels() throws Exception {
		try (PusherTestClient client = connect()) {
			for (int i = 0; i < 5; i++) {
				client.subscribeAndAwait("limited-" + i);
			}
			client.subscribe("limited-5");
			JsonNode refused = client.next();
			assertThat(refused.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(refused.get("data").get("type").stringValue()).isEqualTo("LimitReached");
			client.subscribeAndAwait("limited-0");
			client.send(Map.of("event", "pusher:unsubscribe", "data", Map.of("channel", "limited-0")));
			client.subscribeAndAwait("limited-5");
		}
	}

	@Test
	void pingIsAnsweredWithPong() throws Exception {
		try (PusherTestClient client = connect()) {
			client.send("{\"event\":\"pusher:ping\",\"data\":{}}");
			assertThat(client.nextText()).isEqualTo("{\"event\":\"pusher:pong\",\"data\":\"{}\"}");
			client.send("{\"event\":\"pusher:ping\",\"data\":\"\"}");
			assertThat(client.next().get("event").stringValue()).isEqualTo("pusher:pong");
			client.send("{\"event\":\"pusher:ping\"}");
			assertThat(client.next().get("event").stringValue()).isEqualTo("pusher:pong");
			client.send("{\"event\":\"pusher:ping\",\"data\":\"not json\"}");
			assertThat(client.next().get("event").stringValue()).isEqualTo("pusher:pong");
		}
	}

	@Test
	void publicSubscriptionSucceedsWithStringData() throws Exception {
		try (PusherTestClient client = connect()) {
			client.subscribe("public-news");
			assertThat(client.nextText()).isEqualTo(
					"{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"public-news\",\"data\":\"{}\"}");
		}
	}

	@Test
	void subscribeAcceptsDataAsAJsonString() throws Exception {
		try (PusherTestClient client = connect()) {
			client.send("{\"event\":\"pusher:subscribe\",\"data\":\"{\\\"channel\\\":\\\"stringly\\\"}\"}");
			assertThat(client.next().get("channel").stringValue()).isEqualTo("stringly");
		}
	}

	@Test
	void subscribersReceiveBroadcastsAndUnsubscribedOnesDoNot() throws Exception {
		try (PusherTestClient subscriber = connect(); PusherTestClient other = connect()) {
			subscriber.subscribeAndAwait("orders");
			other.subscribeAndAwait("elsewhere");
			this.broadcaster.to("orders").emitRaw("order.shipped", "{\"id\":42}");
			assertThat(subscriber.nextText())
				.isEqualTo("{\"event\":\"order.shipped\",\"channel\":\"orders\",\"data\":\"{\\\"id\\\":42}\"}");
			other.assertNothingWithin(QUIET);

			subscriber.send(Map.of("event", "pusher:unsubscribe", "data", Map.of("channel", "orders")));
			subscriber.send("{\"event\":\"pusher:ping\"}");
			assertThat(subscriber.next().get("event").stringValue()).isEqualTo("pusher:pong");
			this.broadcaster.to("orders").emitRaw("order.shipped", "{\"id\":43}");
			subscriber.assertNothingWithin(QUIET);
		}
	}

	@Test
	void repeatedSubscribeSucceedsAgainAndDeliversOnce() throws Exception {
		try (PusherTestClient client = connect()) {
			client.subscribeAndAwait("twice");
			client.subscribeAndAwait("twice");
			this.broadcaster.to("twice").emitRaw("e", "x");
			assertThat(client.next().get("data").stringValue()).isEqualTo("x");
			client.assertNothingWithin(QUIET);
		}
	}

	@Test
	void unsubscribingFromAChannelNotHeldIsSilent() throws Exception {
		try (PusherTestClient client = connect()) {
			client.send(Map.of("event", "pusher:unsubscribe", "data", Map.of("channel", "never")));
			client.assertNothingWithin(QUIET);
		}
	}

	@Test
	void broadcastSerializesObjectsWithTheApplicationMapperAndSkipsTheExceptedSocket() throws Exception {
		try (PusherTestClient sender = connect(); PusherTestClient receiver = connect()) {
			sender.subscribeAndAwait("chat");
			receiver.subscribeAndAwait("chat");
			this.broadcaster.to("chat").except(sender.socketId()).emit("message", Map.of("text", "héllo \"you\""));
			JsonNode frame = receiver.next();
			assertThat(frame.get("event").stringValue()).isEqualTo("message");
			assertThat(JSON.readTree(frame.get("data").stringValue()).get("text").stringValue())
				.isEqualTo("héllo \"you\"");
			sender.assertNothingWithin(QUIET);
		}
	}

	@Test
	void oneBroadcastReachesEveryChannelItNames() throws Exception {
		try (PusherTestClient a = connect(); PusherTestClient b = connect()) {
			a.subscribeAndAwait("room-a");
			b.subscribeAndAwait("room-b");
			this.broadcaster.to("room-a", "room-b").emit("hello", 1);
			assertThat(a.next().get("channel").stringValue()).isEqualTo("room-a");
			assertThat(b.next().get("channel").stringValue()).isEqualTo("room-b");
		}
	}

	@Test
	void privateChannelNeedsAValidSignatureForThisSocket() throws Exception {
		ChannelAuth auth = new ChannelAuth("app-key", new Signatures("app-secret"));
		try (PusherTestClient client = connect(); PusherTestClient other = connect()) {
			client.subscribe("private-orders.42");
			JsonNode error = client.next();
			assertThat(error.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(error.get("channel").stringValue()).isEqualTo("private-orders.42");
			assertThat(error.get("data").get("type").stringValue()).isEqualTo("AuthError");
			assertThat(error.get("data").get("status").intValue()).isEqualTo(401);

			String replayed = auth.sign(other.socketId(), "private-orders.42", null);
			client.send(Map.of("event", "pusher:subscribe", "data",
					Map.of("auth", replayed, "channel", "private-orders.42")));
			assertThat(client.next().get("event").stringValue()).isEqualTo("pusher:subscription_error");

			String forOtherChannel = auth.sign(client.socketId(), "private-orders.43", null);
			client.send(Map.of("event", "pusher:subscribe", "data",
					Map.of("auth", forOtherChannel, "channel", "private-orders.42")));
			assertThat(client.next().get("event").stringValue()).isEqualTo("pusher:subscription_error");

			String valid = auth.sign(client.socketId(), "private-orders.42", null);
			client.send(
					Map.of("event", "pusher:subscribe", "data", Map.of("auth", valid, "channel", "private-orders.42")));
			assertThat(client.next().get("event").stringValue()).isEqualTo("pusher_internal:subscription_succeeded");
		}
	}

	@Test
	void presenceAndReservedChannelsAreRefusedNotSilentlyAccepted() throws Exception {
		try (PusherTestClient client = connect()) {
			client.subscribe("presence-room.7");
			JsonNode presence = client.next();
			assertThat(presence.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(presence.get("channel").stringValue()).isEqualTo("presence-room.7");
			client.subscribe("#server-to-user-42");
			assertThat(client.next().get("event").stringValue()).isEqualTo("pusher:subscription_error");
		}
	}

	@Test
	void invalidChannelNamesGetASubscriptionErrorAndTheConnectionKeepsWorking() throws Exception {
		try (PusherTestClient client = connect()) {
			for (String name : new String[] { "has space", "slash/", "ünïcode", "x".repeat(201), "" }) {
				client.subscribe(name);
				JsonNode error = client.next();
				assertThat(error.get("event").stringValue()).isEqualTo("pusher:subscription_error");
				assertThat(error.get("data").get("status").intValue()).isEqualTo(400);
			}
			client.subscribeAndAwait("x".repeat(200));
		}
	}

	@Test
	void malformedMessagesGetAnErrorAndTheConnectionKeepsWorking() throws Exception {
		try (PusherTestClient client = connect()) {
			String[] bad = { "not json", "[1,2]", "{}", "{\"event\":42}", "{\"event\":\"pusher:subscribe\"}",
					"{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":7}}",
					"{\"event\":\"pusher:subscribe\",\"data\":\"not json either\"}" };
			for (String text : bad) {
				client.send(text);
				JsonNode error = client.next();
				assertThat(error.get("event").stringValue()).as(text).isEqualTo("pusher:error");
				assertThat(error.get("data").get("code").isNull()).as(text).isTrue();
				assertThat(error.get("data").get("message").stringValue()).as(text).isNotBlank();
			}
			client.subscribeAndAwait("still-fine");
		}
	}

	@Test
	void unknownEventsGetTheProtocolsErrors() throws Exception {
		try (PusherTestClient client = connect()) {
			client.send("{\"event\":\"pusher:nonsense\",\"data\":{}}");
			JsonNode unsupported = client.next();
			assertThat(unsupported.get("data").get("message").stringValue())
				.isEqualTo("Unsupported event received on socket: pusher:nonsense");
			client.send("{\"event\":\"hello\",\"data\":{}}");
			assertThat(client.next().get("data").get("message").stringValue())
				.isEqualTo("Unsupported event received on socket: hello");
			client.send("{\"event\":\"client-typing\",\"channel\":\"private-x\",\"data\":{}}");
			assertThat(client.next().get("data").get("code").intValue()).isEqualTo(4301);
			client.send("{\"event\":\"pusher:ping\"}");
			assertThat(client.next().get("event").stringValue()).isEqualTo("pusher:pong");
		}
	}

	@Test
	void oversizedMessagesAndBinaryFramesAreRejectedWithoutClosing() throws Exception {
		try (PusherTestClient client = connect()) {
			client.send("{\"event\":\"pusher:ping\",\"data\":{\"pad\":\"" + "x".repeat(3000) + "\"}}");
			JsonNode tooLarge = client.next();
			assertThat(tooLarge.get("event").stringValue()).isEqualTo("pusher:error");
			assertThat(tooLarge.get("data").get("code").intValue()).isEqualTo(4301);
			assertThat(tooLarge.get("data").get("message").stringValue()).contains("2048");

			client.sendBinary("{\"event\":\"pusher:ping\"}".getBytes());
			JsonNode binary = client.next();
			assertThat(binary.get("event").stringValue()).isEqualTo("pusher:error");
			assertThat(binary.get("data").get("message").stringValue()).contains("Binary");

			client.subscribeAndAwait("after-abuse");
			assertThat(client.isClosed()).isFalse();
		}
	}

	@Test
	void badInputOnOneConnectionNeverDisturbsAnother() throws Exception {
		try (PusherTestClient abuser = connect(); PusherTestClient bystander = connect()) {
			bystander.subscribeAndAwait("calm");
			abuser.send("{{{");
			abuser.sendBinary(new byte[] { 1, 2, 3 });
			abuser.send("x".repeat(100_000));
			abuser.send("{\"event\":\"pusher:ping\",\"data\":\"" + "\\u0000".repeat(5000) + "\"}");
			this.broadcaster.to("calm").emitRaw("still", "here");
			assertThat(bystander.next().get("data").stringValue()).isEqualTo("here");
		}
	}

	@Test
	void messagesFarBeyondTheLimitAreDiscardedWithoutBufferingThem() throws Exception {
		try (PusherTestClient abuser = connect()) {
			abuser.send("x".repeat(1_000_000));
			assertThat(abuser.next().get("data").get("message").stringValue())
				.isEqualTo("Message of 1000000 bytes exceeds the limit of 2048 bytes");
			abuser.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + "y".repeat(200) + "\",\"pad\":\""
					+ "z".repeat(1700) + "\"}}");
			assertThat(abuser.next().get("event").stringValue()).isEqualTo("pusher_internal:subscription_succeeded");
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
