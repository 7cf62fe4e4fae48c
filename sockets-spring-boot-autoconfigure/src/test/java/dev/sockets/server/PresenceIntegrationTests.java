package dev.sockets.server;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.sockets.channel.AuthorizeChannel;
import dev.sockets.channel.ChannelOccupiedEvent;
import dev.sockets.channel.ChannelVacatedEvent;
import dev.sockets.channel.ChannelVariable;
import dev.sockets.channel.PresenceMember;
import dev.sockets.presence.MemberAddedEvent;
import dev.sockets.presence.MemberRemovedEvent;
import dev.sockets.presence.RoomManager;
import dev.sockets.protocol.ChannelAuth;
import dev.sockets.protocol.Signatures;
import dev.sockets.test.SocketsPort;
import dev.sockets.test.TestApplication;
import dev.sockets.test.TestClients;
import dev.sockets.test.TokenAuthenticator;
import dev.sockets.test.client.SocketsTestClient;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import static dev.sockets.test.TestClients.assertNothingWithin;
import static dev.sockets.test.TestClients.awaitClose;
import static dev.sockets.test.TestClients.send;
import static dev.sockets.test.TestClients.subscribe;
import static dev.sockets.test.TestClients.subscribeAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presence channels with Pusher's semantics against a real server: members counted per
 * user across connections, member_added and member_removed only for real changes and
 * never to the member itself, the member limit, the events, and the RoomManager.
 */
@SpringBootTest(classes = { TestApplication.class, PresenceIntegrationTests.Rooms.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "sockets.app.id=1234", "sockets.app.key=app-key",
				"sockets.app.secret=app-secret", "sockets.presence.max-members=3" })
class PresenceIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Duration QUIET = Duration.ofMillis(300);

	private final ChannelAuth channelAuth = new ChannelAuth("app-key", new Signatures("app-secret"));

	@Value(SocketsPort.VALUE)
	private int socketsPort;

	@Autowired
	private RoomManager rooms;

	@Autowired
	private EventLog events;

	@BeforeEach
	void clearEvents() {
		this.events.log.clear();
	}

	@Test
	void membersAreCountedPerUserAcrossConnections() throws Exception {
		String channel = "presence-room.tabs";
		try (SocketsTestClient aliceTab1 = connectAs("alice"); SocketsTestClient bob = connectAs("bob")) {
			assertThat(ids(join(aliceTab1, channel))).containsExactly("alice");
			JsonNode bobJoined = join(bob, channel);
			assertThat(ids(bobJoined)).containsExactly("alice", "bob");
			assertThat(presence(bobJoined).get("count").intValue()).isEqualTo(2);
			assertThat(presence(bobJoined).get("hash").get("alice").get("name").stringValue()).isEqualTo("Alice");
			assertMemberEvent(aliceTab1.nextMessage(), "pusher_internal:member_added", channel, "bob");

			try (SocketsTestClient aliceTab2 = connectAs("alice")) {
				assertThat(ids(join(aliceTab2, channel))).containsExactly("alice", "bob");
				// alice was already present: nobody hears of her second tab
				assertNothingWithin(bob, QUIET);
				assertNothingWithin(aliceTab1, Duration.ZERO);
				send(aliceTab1, Map.of("event", "pusher:unsubscribe", "data", Map.of("channel", channel)));
				assertNothingWithin(bob, QUIET);
				assertThat(this.rooms.isMember(channel, "alice")).isTrue();
			}
			// her last connection dropped without unsubscribing
			assertMemberEvent(bob.nextMessage(), "pusher_internal:member_removed", channel, "alice");
			assertNothingWithin(aliceTab1, QUIET);
			assertThat(this.rooms.members(channel)).extracting(PresenceMember::userId).containsExactly("bob");
		}
	}

	@Test
	void aMemberNeverHearsOfItself() throws Exception {
		String channel = "presence-room.self";
		try (SocketsTestClient alice = connectAs("alice"); SocketsTestClient bob = connectAs("bob")) {
			join(alice, channel);
			join(bob, channel);
			alice.nextMessage();
			send(bob, Map.of("event", "pusher:unsubscribe", "data", Map.of("channel", channel)));
			assertMemberEvent(alice.nextMessage(), "pusher_internal:member_removed", channel, "bob");
			assertNothingWithin(bob, QUIET);
		}
	}

	@Test
	void theEndpointsSignedChannelDataJoinsWithANumericUserId() throws Exception {
		String channel = "presence-room.signed";
		String channelData = "{\"user_id\":42,\"user_info\":{\"name\":\"Ada\"}}";
		try (SocketsTestClient ada = TestClients.connect(url("")); SocketsTestClient bob = connectAs("bob")) {
			join(bob, channel);
			send(ada, Map.of("event", "pusher:subscribe", "data", Map.of("channel", channel, "auth",
					this.channelAuth.sign(ada.socketId(), channel, channelData), "channel_data", channelData)));
			JsonNode succeeded = ada.nextMessage();
			assertThat(succeeded.get("event").stringValue()).isEqualTo("pusher_internal:subscription_succeeded");
			assertThat(ids(succeeded)).containsExactly("bob", "42");
			JsonNode added = bob.nextMessage();
			assertMemberEvent(added, "pusher_internal:member_added", channel, "42");
			assertThat(JSON.readTree(added.get("data").stringValue()).get("user_info").get("name").stringValue())
				.isEqualTo("Ada");
			assertThat(this.rooms.isOnline("42")).isTrue();
		}
	}

	@Test
	void badPresenceSubscriptionsAreRefused() throws Exception {
		String channel = "presence-room.bad";
		try (SocketsTestClient client = TestClients.connect(url(""))) {
			String badData = "{\"name\":\"no id\"}";
			send(client, Map.of("event", "pusher:subscribe", "data", Map.of("channel", channel, "auth",
					this.channelAuth.sign(client.socketId(), channel, badData), "channel_data", badData)));
			JsonNode invalid = client.nextMessage();
			assertThat(invalid.get("data").get("type").stringValue()).isEqualTo("InvalidChannelData");
			assertThat(invalid.get("data").get("status").intValue()).isEqualTo(400);
			send(client, Map.of("event", "pusher:subscribe", "data",
					Map.of("channel", channel, "auth", this.channelAuth.sign(client.socketId(), channel, null))));
			assertThat(client.nextMessage().get("data").get("status").intValue()).isEqualTo(401);
			String tampered = "{\"user_id\":\"admin\"}";
			send(client,
					Map.of("event", "pusher:subscribe", "data",
							Map.of("channel", channel, "auth",
									this.channelAuth.sign(client.socketId(), channel, "{\"user_id\":\"guest\"}"),
									"channel_data", tampered)));
			assertThat(client.nextMessage().get("data").get("status").intValue()).isEqualTo(401);
			subscribe(client, channel);
			assertThat(client.nextMessage().get("data").get("status").intValue()).isEqualTo(401);
			String large = "{\"user_id\":\"big\",\"user_info\":{\"bio\":\"" + "x".repeat(1100) + "\"}}";
			send(client, Map.of("event", "pusher:subscribe", "data", Map.of("channel", channel, "auth",
					this.channelAuth.sign(client.socketId(), channel, large), "channel_data", large)));
			JsonNode tooLarge = client.nextMessage();
			assertThat(tooLarge.get("data").get("type").stringValue()).isEqualTo("LimitReached");
			assertThat(tooLarge.get("data").get("status").intValue()).isEqualTo(4301);
			assertThat(this.rooms.members(channel)).isEmpty();
		}
	}

	@Test
	void aFullChannelRefusesAnotherUserButNotAnotherTab() throws Exception {
		String channel = "presence-room.full";
		try (SocketsTestClient a = connectAs("a");
				SocketsTestClient b = connectAs("b");
				SocketsTestClient c = connectAs("c");
				SocketsTestClient d = connectAs("d");
				SocketsTestClient a2 = connectAs("a")) {
			join(a, channel);
			join(b, channel);
			join(c, channel);
			subscribe(d, channel);
			JsonNode full = d.nextMessage();
			assertThat(full.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(full.get("data").get("type").stringValue()).isEqualTo("LimitReached");
			assertThat(full.get("data").get("status").intValue()).isEqualTo(4100);
			assertThat(ids(join(a2, channel))).containsExactly("a", "b", "c");
			send(d, Map.of("event", "pusher:ping", "data", Map.of()));
			assertThat(d.nextMessage().get("event").stringValue()).isEqualTo("pusher:pong");
		}
	}

	@Test
	void eventsFireOncePerRealChange() throws Exception {
		String channel = "presence-room.events";
		try (SocketsTestClient alice1 = connectAs("alice");
				SocketsTestClient alice2 = connectAs("alice");
				SocketsTestClient bob = connectAs("bob")) {
			join(alice1, channel);
			join(alice2, channel);
			join(bob, channel);
			send(bob, Map.of("event", "pusher:unsubscribe", "data", Map.of("channel", channel)));
			// the unsubscribe and the closes travel on different sockets: keep their
			// order
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> this.events.log.contains("removed bob " + channel));
			alice1.close();
			alice2.close();
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> this.events.log.stream().filter((e) -> e.startsWith("closed")).count() == 2);
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.events.log.stream().filter((e) -> e.startsWith("closed")).count() == 3);
		List<String> forChannel = this.events.log.stream().filter((e) -> e.endsWith(channel)).toList();
		assertThat(forChannel).containsExactly("occupied " + channel, "added alice " + channel, "added bob " + channel,
				"removed bob " + channel, "removed alice " + channel, "vacated " + channel);
		assertThat(this.events.log.stream().filter((e) -> e.startsWith("opened"))).hasSize(3);
	}

	@Test
	void theRoomManagerSeesAndControlsChannelsAndUsers() throws Exception {
		String channel = "presence-room.managed";
		try (SocketsTestClient alice = connectAs("alice");
				SocketsTestClient bob = connectAs("bob");
				SocketsTestClient bob2 = connectAs("bob");
				SocketsTestClient watcher = connectAs("carol")) {
			join(alice, channel);
			join(bob, channel);
			join(watcher, channel);
			subscribeAndAwait(watcher, "lobby.managed");
			alice.nextMessage();
			alice.nextMessage();
			bob.nextMessage();
			assertThat(this.rooms.members(channel)).extracting(PresenceMember::userId)
				.containsExactly("alice", "bob", "carol");
			assertThat(this.rooms.occupiedChannels("presence-room.managed")).containsExactly(Map.entry(channel, 3L));
			assertThat(this.rooms.subscriberCount("lobby.managed")).isOne();
			assertThat(this.rooms.isOnline("bob")).isTrue();

			assertThat(this.rooms.removeFromChannel(channel, "bob")).isOne();
			JsonNode removed = bob.nextMessage();
			assertThat(removed.get("event").stringValue()).isEqualTo("pusher:subscription_error");
			assertThat(removed.get("data").get("status").intValue()).isEqualTo(403);
			assertMemberEvent(alice.nextMessage(), "pusher_internal:member_removed", channel, "bob");
			assertThat(this.rooms.isMember(channel, "bob")).isFalse();

			assertThat(this.rooms.disconnect("bob")).isEqualTo(2);
			assertThat(awaitClose(bob)).isEqualTo(4009);
			assertThat(awaitClose(bob2)).isEqualTo(4009);
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !this.rooms.isOnline("bob"));
			assertThat(this.rooms.isOnline("alice")).isTrue();
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.rooms.occupiedChannels("presence-room.managed").isEmpty());
	}

	private static void assertMemberEvent(JsonNode frame, String event, String channel, String userId) {
		assertThat(frame.get("event").stringValue()).isEqualTo(event);
		assertThat(frame.get("channel").stringValue()).isEqualTo(channel);
		assertThat(JSON.readTree(frame.get("data").stringValue()).get("user_id").stringValue()).isEqualTo(userId);
	}

	private static JsonNode join(SocketsTestClient client, String channel) {
		subscribe(client, channel);
		JsonNode reply = client.nextMessage();
		assertThat(reply.get("event").stringValue()).as(reply.toString())
			.isEqualTo("pusher_internal:subscription_succeeded");
		return reply;
	}

	private static JsonNode presence(JsonNode succeeded) {
		return JSON.readTree(succeeded.get("data").stringValue()).get("presence");
	}

	private static List<String> ids(JsonNode succeeded) {
		return presence(succeeded).get("ids").valueStream().map(JsonNode::stringValue).toList();
	}

	private SocketsTestClient connectAs(String user) throws Exception {
		return TestClients.connect(url("?token=" + user + "-token"));
	}

	private String url(String query) {
		return "ws://127.0.0.1:" + this.socketsPort + "/app/app-key" + query;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Rooms {

		@Bean
		TokenAuthenticator tokenAuthenticator() {
			return new TokenAuthenticator();
		}

		@Bean
		RoomAuthorizer roomAuthorizer() {
			return new RoomAuthorizer();
		}

		@Bean
		EventLog eventLog() {
			return new EventLog();
		}

	}

	static class RoomAuthorizer {

		@AuthorizeChannel("presence-room.{room}")
		@Nullable PresenceMember room(@Nullable Principal user, @ChannelVariable String room) {
			if (user == null) {
				return null;
			}
			String name = user.getName();
			return new PresenceMember(name, Map.of("name", Character.toUpperCase(name.charAt(0)) + name.substring(1)));
		}

	}

	static class EventLog {

		final List<String> log = new CopyOnWriteArrayList<>();

		@EventListener
		void on(ApplicationEvent event) {
			if (event instanceof ConnectionOpenedEvent opened) {
				this.log.add("opened " + opened.getSocketId());
			}
			else if (event instanceof ConnectionClosedEvent closed) {
				this.log.add("closed " + closed.getSocketId());
			}
			else if (event instanceof ChannelOccupiedEvent occupied) {
				this.log.add("occupied " + occupied.getChannel());
			}
			else if (event instanceof ChannelVacatedEvent vacated) {
				this.log.add("vacated " + vacated.getChannel());
			}
			else if (event instanceof MemberAddedEvent added) {
				this.log.add("added " + added.getMember().userId() + " " + added.getChannel());
			}
			else if (event instanceof MemberRemovedEvent removed) {
				this.log.add("removed " + removed.getMember().userId() + " " + removed.getChannel());
			}
		}

	}

}
