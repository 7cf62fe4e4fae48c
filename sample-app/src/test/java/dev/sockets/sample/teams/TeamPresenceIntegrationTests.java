package dev.sockets.sample.teams;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.sockets.channel.PresenceMember;
import dev.sockets.presence.MemberAddedEvent;
import dev.sockets.presence.MemberRemovedEvent;
import dev.sockets.presence.RoomManager;
import dev.sockets.sample.TestUsers;
import dev.sockets.test.autoconfigure.AutoConfigureSocketsTestClient;
import dev.sockets.test.autoconfigure.SocketsTestClients;
import dev.sockets.test.client.ReceivedEvent;
import dev.sockets.test.client.SocketsTestClient;
import dev.sockets.test.client.SubscriptionRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import static dev.sockets.sample.InlineSubscriptions.subscribeInline;
import static dev.sockets.sample.InlineSubscriptions.subscribeInlineExpectingError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Team presence against the running app, with the test kit's clients: connections that
 * sign in with HTTP Basic on the handshake and join {@code presence-team.red} inline, as
 * the user of the handshake, or through the authorization endpoint, as pusher-js does.
 * The app's {@link RoomManager} sees each user once however many connections they have,
 * the member events fire once per user, the other members hear of a user once, and
 * {@code GET /teams/{team}/online} answers the members to members of the team only.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSocketsTestClient
class TeamPresenceIntegrationTests {

	private static final String RED = Teams.presenceChannel("red");

	private static final List<String> USERS = List.of("alice", "bob", "carol");

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final String MEMBER_ADDED = "pusher_internal:member_added";

	private static final String MEMBER_REMOVED = "pusher_internal:member_removed";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

	@Autowired
	private SocketsTestClients clients;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private RoomManager rooms;

	@Autowired
	private MemberEvents events;

	private final List<SocketsTestClient> connections = new ArrayList<>();

	@BeforeEach
	void startWithAnEmptyChannel() {
		assertThat(this.rooms.members(RED)).isEmpty();
		this.events.clear();
	}

	@AfterEach
	void closeConnections() {
		this.connections.forEach(SocketsTestClient::close);
		// The server hears of a close a moment later. A user is offline once their last
		// connection has left its channels, and the member events were published: the
		// next test starts with an empty channel and no event of this one.
		await().atMost(WAIT)
			.until(() -> USERS.stream().noneMatch(this.rooms::isOnline) && this.rooms.subscriberCount(RED) == 0);
	}

	@Test
	void roomManagerCountsAUserWithTwoConnectionsOnceAndTheMemberEventsFireOncePerUser() {
		assertThat(this.rooms.isOnline("alice")).isFalse();

		SocketsTestClient aliceTab = connectAs("alice");
		assertThat(this.rooms.isOnline("alice")).as("authenticated at the handshake").isTrue();
		// one tab joins inline, the other through the authorization endpoint: she is the
		// same member either way
		subscribeInline(aliceTab, RED);
		SocketsTestClient aliceSecondTab = connectAs("alice");
		aliceSecondTab.subscribe(RED);
		SocketsTestClient bob = connectAs("bob");
		ReceivedEvent joined = bob.subscribe(RED);

		assertThat(this.rooms.members(RED)).containsExactly(member("alice", "Alice"), member("bob", "Bob"));
		assertThat(this.rooms.isMember(RED, "alice")).isTrue();
		assertThat(this.rooms.isMember(RED, "carol")).isFalse();
		assertThat(this.rooms.subscriberCount(RED)).isEqualTo(3);
		assertThat(this.rooms.occupiedChannels(Teams.PRESENCE_PREFIX)).containsEntry(RED, 3L);
		assertThat(this.rooms.isOnline("bob")).isTrue();
		assertThat(this.rooms.isOnline("carol")).isFalse();
		assertThat(this.events.added(RED)).containsExactly("alice", "bob");
		assertThat(this.events.addedInfo(RED)).containsExactly(Map.of("name", "Alice"), Map.of("name", "Bob"));
		// what the clients see: bob joined a channel with alice in it once, and the first
		// member alice's tabs hear of is bob, not her own other tab
		assertThat(joined.json().path("presence").path("count").asInt()).isEqualTo(2);
		assertThat(bob.members(RED)).containsOnlyKeys("alice", "bob");
		assertThat(bob.members(RED).get("alice").path("name").asString()).isEqualTo("Alice");
		assertThat(aliceTab.awaitEvent(RED, MEMBER_ADDED).json().path("user_id").asString()).isEqualTo("bob");
		assertThat(aliceSecondTab.awaitEvent(RED, MEMBER_ADDED).json().path("user_id").asString()).isEqualTo("bob");
		assertThat(aliceTab.members(RED)).containsOnlyKeys("alice", "bob");

		// one of alice's two connections closes: she is still there
		aliceTab.close();
		await().atMost(WAIT).until(() -> this.rooms.subscriberCount(RED) == 2);

		assertThat(this.rooms.members(RED)).extracting(PresenceMember::userId).containsExactly("alice", "bob");
		assertThat(this.rooms.isOnline("alice")).isTrue();
		assertThat(this.events.removed(RED)).isEmpty();
		bob.assertNoEvent(RED, MEMBER_REMOVED, Duration.ofMillis(200));

		// her last one closes: now she has left, and is offline
		aliceSecondTab.close();
		await().atMost(WAIT).until(() -> !this.events.removed(RED).isEmpty());

		assertThat(this.rooms.members(RED)).containsExactly(member("bob", "Bob"));
		assertThat(this.rooms.isMember(RED, "alice")).isFalse();
		assertThat(this.rooms.isOnline("alice")).isFalse();
		assertThat(this.events.removed(RED)).containsExactly("alice");
		assertThat(bob.awaitEvent(RED, MEMBER_REMOVED).json().path("user_id").asString()).isEqualTo("alice");
		assertThat(bob.members(RED)).containsOnlyKeys("bob");

		bob.close();
		await().atMost(WAIT).until(() -> this.events.removed(RED).size() == 2);

		assertThat(this.rooms.members(RED)).isEmpty();
		assertThat(this.rooms.occupiedChannels(Teams.PRESENCE_PREFIX)).doesNotContainKey(RED);
		assertThat(this.rooms.isOnline("bob")).isFalse();
		assertThat(this.events.added(RED)).containsExactly("alice", "bob");
		assertThat(this.events.removed(RED)).containsExactly("alice", "bob");
	}

	@Test
	void onlyMembersOfTheTeamJoinItsPresenceChannel() {
		SocketsTestClient carol = connectAs("carol");
		SocketsTestClient anonymous = track(this.clients.connect());

		JsonNode refused = subscribeInlineExpectingError(carol, RED);
		JsonNode unknown = subscribeInlineExpectingError(anonymous, RED);

		assertThat(refused.path("status").asInt()).isEqualTo(403);
		assertThat(unknown.path("status").asInt()).isEqualTo(401);
		// the authorization endpoint refuses them the same way
		assertThatExceptionOfType(SubscriptionRefusedException.class).isThrownBy(() -> carol.subscribe(RED))
			.satisfies((endpoint) -> assertThat(endpoint.status()).isEqualTo(403));
		assertThatExceptionOfType(SubscriptionRefusedException.class).isThrownBy(() -> anonymous.subscribe(RED))
			.satisfies((endpoint) -> assertThat(endpoint.status()).isEqualTo(401));
		assertThat(this.rooms.members(RED)).isEmpty();
		assertThat(this.events.added(RED)).isEmpty();
	}

	@Test
	void membersOfTheTeamAskWhoIsOnline() throws Exception {
		SocketsTestClient alice = connectAs("alice");
		alice.subscribe(RED);

		HttpResponse<String> bob = online("red", TestUsers.basic("bob"));
		HttpResponse<String> carol = online("red", TestUsers.basic("carol"));
		HttpResponse<String> anonymous = online("red", Map.of());

		assertThat(bob.statusCode()).isEqualTo(200);
		assertThat(this.jsonMapper.readTree(bob.body()))
			.isEqualTo(this.jsonMapper.readTree("[{\"userId\":\"alice\",\"userInfo\":{\"name\":\"Alice\"}}]"));
		assertThat(carol.statusCode()).isEqualTo(403);
		assertThat(this.jsonMapper.readTree(carol.body()).path("detail").asString())
			.isEqualTo("carol is not a member of team red");
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	// signed in with HTTP Basic on the handshake and on the authorization endpoint
	private SocketsTestClient connectAs(String user) {
		return track(this.clients.connectAs(user, TestUsers.password(user)));
	}

	private SocketsTestClient track(SocketsTestClient client) {
		this.connections.add(client);
		return client;
	}

	private HttpResponse<String> online(String team, Map<String, String> credentials) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(this.clients.applicationServer().resolve("/teams/" + team + "/online"))
			.timeout(WAIT)
			.header("Accept", "application/json")
			.GET();
		credentials.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static PresenceMember member(String id, String name) {
		return new PresenceMember(id, Map.of("name", name));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MemberEventsConfiguration {

		@Bean
		MemberEvents memberEvents() {
			return new MemberEvents();
		}

	}

	/**
	 * Records the member events the starter publishes, as an application's listener would
	 * receive them.
	 */
	static class MemberEvents {

		private final List<MemberAddedEvent> added = new CopyOnWriteArrayList<>();

		private final List<MemberRemovedEvent> removed = new CopyOnWriteArrayList<>();

		@EventListener
		void onAdded(MemberAddedEvent event) {
			this.added.add(event);
		}

		@EventListener
		void onRemoved(MemberRemovedEvent event) {
			this.removed.add(event);
		}

		List<String> added(String channel) {
			return this.added.stream()
				.filter((event) -> event.getChannel().equals(channel))
				.map((event) -> event.getMember().userId())
				.toList();
		}

		List<Object> addedInfo(String channel) {
			return this.added.stream()
				.filter((event) -> event.getChannel().equals(channel))
				.map((event) -> event.getMember().userInfo())
				.toList();
		}

		List<String> removed(String channel) {
			return this.removed.stream()
				.filter((event) -> event.getChannel().equals(channel))
				.map((event) -> event.getMember().userId())
				.toList();
		}

		void clear() {
			this.added.clear();
			this.removed.clear();
		}

	}

}
