package dev.sockets.presence;

import java.util.Map;

import dev.sockets.channel.PresenceMember;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link PresenceStore} must do; each implementation's tests extend this.
 */
public abstract class PresenceStoreContractTests {

	private static final PresenceMember ALICE = new PresenceMember("alice", Map.of("name", "Alice"));

	private static final PresenceMember BOB = PresenceMember.of("bob");

	private PresenceStore store;

	/**
	 * A new, empty store.
	 * @return the store
	 */
	protected abstract PresenceStore createStore() throws Exception;

	@BeforeEach
	void createEmptyStore() throws Exception {
		this.store = createStore();
	}

	@Test
	void aUserIsAddedWithTheFirstConnectionAndRemovedAfterTheLast() {
		assertThat(this.store.addMember("presence-a", "1.1", ALICE, 10)).isEqualTo(PresenceStore.Join.ADDED);
		assertThat(this.store.addMember("presence-a", "1.2", ALICE, 10)).isEqualTo(PresenceStore.Join.PRESENT);
		assertThat(this.store.addMember("presence-a", "1.3", BOB, 10)).isEqualTo(PresenceStore.Join.ADDED);
		assertThat(this.store.members("presence-a")).containsExactly(ALICE, BOB);
		assertThat(this.store.removeMember("presence-a", "1.1")).isNull();
		assertThat(this.store.members("presence-a")).containsExactly(ALICE, BOB);
		assertThat(this.store.removeMember("presence-a", "1.2")).isEqualTo(ALICE);
		assertThat(this.store.members("presence-a")).containsExactly(BOB);
		assertThat(this.store.removeMember("presence-a", "1.3")).isEqualTo(BOB);
		assertThat(this.store.members("presence-a")).isEmpty();
	}

	@Test
	void repeatingAJoinOrALeaveChangesNothing() {
		this.store.addMember("presence-a", "1.1", ALICE, 10);
		assertThat(this.store.addMember("presence-a", "1.1", ALICE, 10)).isEqualTo(PresenceStore.Join.PRESENT);
		assertThat(this.store.removeMember("presence-a", "1.1")).isEqualTo(ALICE);
		assertThat(this.store.removeMember("presence-a", "1.1")).isNull();
		assertThat(this.store.removeMember("presence-never", "1.1")).isNull();
	}

	@Test
	void aFullChannelRefusesNewUsersButNotMoreConnectionsOfItsMembers() {
		this.store.addMember("presence-a", "1.1", ALICE, 1);
		assertThat(this.store.addMember("presence-a", "1.2", BOB, 1)).isEqualTo(PresenceStore.Join.FULL);
		assertThat(this.store.addMember("presence-a", "1.3", ALICE, 1)).isEqualTo(PresenceStore.Join.PRESENT);
		assertThat(this.store.members("presence-a")).containsExactly(ALICE);
		assertThat(this.store.removeMember("presence-a", "1.2")).isNull();
		assertThat(this.store.addMember("presence-b", "1.2", BOB, 1)).isEqualTo(PresenceStore.Join.ADDED);
	}

	@Test
	void countsSubscribersOfEveryChannel() {
		assertThat(this.store.addSubscriber("chat.a", "1.1")).isOne();
		assertThat(this.store.addSubscriber("chat.a", "1.2")).isEqualTo(2);
		assertThat(this.store.addSubscriber("news", "1.1")).isOne();
		assertThat(this.store.occupiedChannels("")).containsExactly(Map.entry("chat.a", 2L), Map.entry("news", 1L));
		assertThat(this.store.occupiedChannels("chat.")).containsOnlyKeys("chat.a");
		assertThat(this.store.removeSubscriber("chat.a", "1.1")).isOne();
		assertThat(this.store.removeSubscriber("chat.a", "1.2")).isZero();
		assertThat(this.store.subscriberCount("chat.a")).isZero();
		assertThat(this.store.occupiedChannels("")).containsOnlyKeys("news");
	}

	@Test
	void countingASubscriptionTwiceOrUncountingItTwiceChangesNothing() {
		assertThat(this.store.addSubscriber("chat.a", "1.1")).isOne();
		assertThat(this.store.addSubscriber("chat.a", "1.1")).isEqualTo(-1);
		assertThat(this.store.subscriberCount("chat.a")).isOne();
		assertThat(this.store.removeSubscriber("chat.a", "1.1")).isZero();
		assertThat(this.store.removeSubscriber("chat.a", "1.1")).isEqualTo(-1);
		assertThat(this.store.removeSubscriber("never", "1.1")).isEqualTo(-1);
		assertThat(this.store.subscriberCount("chat.a")).isZero();
		assertThat(this.store.addSubscriber("chat.a", "1.1")).isOne();
	}

	@Test
	void tracksTheConnectionsOfEachUser() {
		this.store.addUserConnection("alice", "1.1");
		this.store.addUserConnection("alice", "1.2");
		assertThat(this.store.userConnections("alice")).containsExactlyInAnyOrder("1.1", "1.2");
		this.store.removeUserConnection("alice", "1.1");
		assertThat(this.store.userConnections("alice")).containsExactly("1.2");
		this.store.removeUserConnection("alice", "1.2");
		assertThat(this.store.userConnections("alice")).isEmpty();
		assertThat(this.store.userConnections("nobody")).isEmpty();
	}

}
