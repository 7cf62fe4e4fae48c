package dev.sockets.sample.teams;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.sockets.channel.PresenceMember;
import dev.sockets.presence.MemberAddedEvent;
import dev.sockets.presence.MemberRemovedEvent;
import dev.sockets.presence.RoomManager;
import dev.sockets.sample.TestPusherConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Team presence against the running app: JDK WebSocket connections that sign in with HTTP
 * Basic on the handshake and join {@code presence-team.red} inline, as the user of the
 * handshake. The app's {@link RoomManager} sees each user once however many connections
 * they have, the member events fire once per user, and {@code GET /teams/{team}/online}
 * answers the members to members of the team only.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TeamPresenceIntegrationTests {

	private static final String RED = Teams.presenceChannel("red");

	private static final List<String> USERS = List.of("alice", "bob", "carol");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TestPusherConnection.WAIT).build();

	@LocalServerPort
	private int port;

	@Value("${sockets.app.key}")
	private String appKey;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private RoomManager rooms;

	@Autowired
	private MemberEvents events;

	private final List<TestPusherConnection> connections = new ArrayList<>();

	@BeforeEach
	void startWithAnEmptyChannel() {
		assertThat(this.rooms.members(RED)).isEmpty();
		this.events.clear();
	}

	@AfterEach
	void closeConnections() {
		this.connections.forEach(TestPusherConnection::close);
		// The server hears of a close a moment later. A user is offline once their last
		// connection has left its channels, and the member events were published: the
		// next test starts with an empty channel and no event of this one.
		await().atMost(TestPusherConnection.WAIT)
			.until(() -> USERS.stream().noneMatch(this.rooms::isOnline) && this.rooms.subscriberCount(RED) == 0);
	}

	@Test
	void roomManagerCountsAUserWithTwoConnectionsOnceAndTheMemberEventsFireOncePerUser() throws Exception {
		assertThat(this.rooms.isOnline("alice")).isFalse();

		TestPusherConnection aliceTab = connect("alice", "alice-secret");
		assertThat(this.rooms.isOnline("alice")).as("authenticated at the handshake").isTrue();
		aliceTab.subscribe(RED);
		TestPusherConnection aliceSecondTab = connect("alice", "alice-secret");
		aliceSecondTab.subscribe(RED);
		TestPusherConnection bob = connect("bob", "bob-secret");
		bob.subscribe(RED);

		assertThat(this.rooms.members(RED)).containsExactly(member("alice", "Alice"), member("bob", "Bob"));
		assertThat(this.rooms.isMember(RED, "alice")).isTrue();
		assertThat(this.rooms.isMember(RED, "carol")).isFalse();
		assertThat(this.rooms.subscriberCount(RED)).isEqualTo(3);
		assertThat(this.rooms.occupiedChannels(Teams.PRESENCE_PREFIX)).containsEntry(RED, 3L);
		assertThat(this.rooms.isOnline("bob")).isTrue();
		assertThat(this.rooms.isOnline("carol")).isFalse();
		assertThat(this.events.added(RED)).containsExactly("alice", "bob");
		assertThat(this.events.addedInfo(RED)).containsExactly(Map.of("name", "Alice"), Map.of("name", "Bob"));

		// one of alice's two connections closes: she is still there
		aliceTab.close();
		await().atMost(TestPusherConnection.WAIT).until(() -> this.rooms.subscriberCount(RED) == 2);

		assertThat(this.rooms.members(RED)).extracting(PresenceMember::userId).containsExactly("alice", "bob");
		assertThat(this.rooms.isOnline("alice")).isTrue();
		assertThat(this.events.removed(RED)).isEmpty();

		// her last one closes: now she has left, and is offline
		aliceSecondTab.close();
		await().atMost(TestPusherConnection.WAIT).until(() -> !this.events.removed(RED).isEmpty());

		assertThat(this.rooms.members(RED)).containsExactly(member("bob", "Bob"));
		assertThat(this.rooms.isMember(RED, "alice")).isFalse();
		assertThat(this.rooms.isOnline("alice")).isFalse();
		assertThat(this.events.removed(RED)).containsExactly("alice");

		bob.close();
		await().atMost(TestPusherConnection.WAIT).until(() -> this.events.removed(RED).size() == 2);

		assertThat(this.rooms.members(RED)).isEmpty();
		assertThat(this.rooms.occupiedChannels(Teams.PRESENCE_PREFIX)).doesNotContainKey(RED);
		assertThat(this.rooms.isOnline("bob")).isFalse();
		assertThat(this.events.added(RED)).containsExactly("alice", "bob");
		assertThat(this.events.removed(RED)).containsExactly("alice", "bob");
	}

	@Test
	void onlyMembersOfTheTeamJoinItsPresenceChannel() throws Exception {
		TestPusherConnection carol = connect("carol", "carol-secret");
		TestPusherConnection anonymous = TestPusherConnection.open(this.http, this.port, this.appKey, this.jsonMapper);
		this.connections.add(anonymous);

		JsonNode refused = carol.subscribeExpectingError(RED);
		JsonNode unknown = anonymous.subscribeExpectingError(RED);

		assertThat(refused.path("status").asInt()).isEqualTo(403);
		assertThat(unknown.path("status").asInt()).isEqualTo(401);
		assertThat(this.rooms.members(RED)).isEmpty();
		assertThat(this.events.added(RED)).isEmpty();
	}

	@Test
	void membersOfTheTeamAskWhoIsOnline() throws Exception {
		TestPusherConnection alice = connect("alice", "alice-secret");
		alice.subscribe(RED);

		HttpResponse<String> bob = online("red", basic("bob", "bob-secret"));
		HttpResponse<String> carol = online("red", basic("carol", "carol-secret"));
		HttpResponse<String> anonymous = online("red", Map.of());

		assertThat(bob.statusCode()).isEqualTo(200);
		assertThat(this.jsonMapper.readTree(bob.body()))
			.isEqualTo(this.jsonMapper.readTree("[{\"userId\":\"alice\",\"userInfo\":{\"name\":\"Alice\"}}]"));
		assertThat(carol.statusCode()).isEqualTo(403);
		assertThat(this.jsonMapper.readTree(carol.body()).path("detail").asString())
			.isEqualTo("carol is not a member of team red");
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	private TestPusherConnection connect(String user, String password) throws Exception {
		TestPusherConnection connection = TestPusherConnection.open(this.http, this.port, this.appKey,
				basic(user, password), this.jsonMapper);
		this.connections.add(connection);
		return connection;
	}

	private HttpResponse<String> online(String team, Map<String, String> credentials) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/teams/" + team + "/online"))
			.timeout(TestPusherConnection.WAIT)
			.header("Accept", "application/json")
			.GET();
		credentials.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static PresenceMember member(String id, String name) {
		return new PresenceMember(id, Map.of("name", name));
	}

	private static Map<String, String> basic(String user, String password) {
		String credentials = user + ":" + password;
		return Map.of("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
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
