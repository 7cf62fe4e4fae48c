package dev.sockets.presence;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.sockets.channel.PresenceMember;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link PresenceStore} and {@link ConnectionIndex} must do; each
 * implementation's tests extend this.
 */
public abstract class PresenceStoreContractTests {

	private static final PresenceMember ALICE = new PresenceMember("alice", Map.of("name", "Alice"));

	private static final PresenceMember BOB = PresenceMember.of("bob");

	private PresenceStore store;

	private ConnectionIndex index;

	/**
	 * A new, empty store, which is its own {@link ConnectionIndex} too.
	 * @return the store
	 */
	protected abstract PresenceStore createStore() throws Exception;

	@BeforeEach
	void createEmptyStore() throws Exception {
		this.store = createStore();
		this.index = (ConnectionIndex) this.store;
	}

	/**
	 * Waits for a store's stage; the store bounds it with its timeout.
	 * @param <T> the result
	 * @param stage the stage
	 * @return the result
	 */
	protected static <T> T await(CompletionStage<T> stage) {
		try {
			return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aUserIsAddedWithTheFirstConnectionAndRemovedAfterTheLast() {
		assertThat(await(this.store.addMember("presence-a", "1.1", ALICE, 10))).isEqualTo(PresenceStore.Join.ADDED);
		assertThat(await(this.store.addMember("presence-a", "1.2", ALICE, 10))).isEqualTo(PresenceStore.Join.PRESENT);
		assertThat(await(this.store.addMember("presence-a", "1.3", BOB, 10))).isEqualTo(PresenceStore.Join.ADDED);
		assertThat(await(this.store.members("presence-a"))).containsExactly(ALICE, BOB);
		assertThat(await(this.store.removeMember("presence-a", "1.1"))).isNull();
		assertThat(await(this.store.members("presence-a"))).containsExactly(ALICE, BOB);
		assertThat(await(this.store.removeMember("presence-a", "1.2"))).isEqualTo(ALICE);
		assertThat(await(this.store.members("presence-a"))).containsExactly(BOB);
		assertThat(await(this.store.removeMember("presence-a", "1.3"))).isEqualTo(BOB);
		assertThat(await(this.store.members("presence-a"))).isEmpty();
	}

	@Test
	void repeatingAJoinOrALeaveChangesNothing() {
		await(this.store.addMember("presence-a", "1.1", ALICE, 10));
		assertThat(await(this.store.addMember("presence-a", "1.1", ALICE, 10))).isEqualTo(PresenceStore.Join.PRESENT);
		assertThat(await(this.store.removeMember("presence-a", "1.1"))).isEqualTo(ALICE);
		assertThat(await(this.store.removeMember("presence-a", "1.1"))).isNull();
		assertThat(await(this.store.removeMember("presence-never", "1.1"))).isNull();
	}

	@Test
	void aFullChannelRefusesNewUsersButNotMoreConnectionsOfItsMembers() {
		await(this.store.addMember("presence-a", "1.1", ALICE, 1));
		assertThat(await(this.store.addMember("presence-a", "1.2", BOB, 1))).isEqualTo(PresenceStore.Join.FULL);
		assertThat(await(this.store.addMember("presence-a", "1.3", ALICE, 1))).isEqualTo(PresenceStore.Join.PRESENT);
		assertThat(await(this.store.members("presence-a"))).containsExactly(ALICE);
		assertThat(await(this.store.removeMember("presence-a", "1.2"))).isNull();
		assertThat(await(this.store.addMember("presence-b", "1.2", BOB, 1))).isEqualTo(PresenceStore.Join.ADDED);
	}

	@Test
	void countsMembersWithoutReadingThem() {
		assertThat(await(this.store.memberCount("presence-a"))).isZero();
		await(this.store.addMember("presence-a", "1.1", ALICE, 10));
		await(this.store.addMember("presence-a", "1.2", ALICE, 10));
		await(this.store.addMember("presence-a", "1.3", BOB, 10));
		assertThat(await(this.store.memberCount("presence-a"))).isEqualTo(2);
		await(this.store.removeMember("presence-a", "1.3"));
		assertThat(await(this.store.memberCount("presence-a"))).isOne();
	}

	@Test
	void countsSubscribersOfEveryChannel() {
		assertThat(await(this.index.addSubscriber("chat.a", "1.1"))).isOne();
		assertThat(await(this.index.addSubscriber("chat.a", "1.2"))).isEqualTo(2);
		assertThat(await(this.index.addSubscriber("news", "1.1"))).isOne();
		assertThat(await(this.index.occupiedChannels(""))).containsExactly(Map.entry("chat.a", 2L),
				Map.entry("news", 1L));
		assertThat(await(this.index.occupiedChannels("chat."))).containsOnlyKeys("chat.a");
		assertThat(await(this.index.removeSubscriber("chat.a", "1.1"))).isOne();
		assertThat(await(this.index.removeSubscriber("chat.a", "1.2"))).isZero();
		assertThat(await(this.index.subscriberCount("chat.a"))).isZero();
		assertThat(await(this.index.occupiedChannels(""))).containsOnlyKeys("news");
	}

	@Test
	void countingASubscriptionTwiceOrUncountingItTwiceChangesNothing() {
		assertThat(await(this.index.addSubscriber("chat.a", "1.1"))).isOne();
		assertThat(await(this.index.addSubscriber("chat.a", "1.1"))).isEqualTo(-1);
		assertThat(await(this.index.subscriberCount("chat.a"))).isOne();
		assertThat(await(this.index.removeSubscriber("chat.a", "1.1"))).isZero();
		assertThat(await(this.index.removeSubscriber("chat.a", "1.1"))).isEqualTo(-1);
		assertThat(await(this.index.removeSubscriber("never", "1.1"))).isEqualTo(-1);
		assertThat(await(this.index.subscriberCount("chat.a"))).isZero();
		assertThat(await(this.index.addSubscriber("chat.a", "1.1"))).isOne();
	}

	@Test
	void tracksTheConnectionsOfEachUser() {
		await(this.index.addUserConnection("alice", "1.1"));
		await(this.index.addUserConnection("alice", "1.2"));
		assertThat(await(this.index.userConnections("alice"))).containsExactlyInAnyOrder("1.1", "1.2");
		await(this.index.removeUserConnection("alice", "1.1"));
		assertThat(await(this.index.userConnections("alice"))).containsExactly("1.2");
		await(this.index.removeUserConnection("alice", "1.2"));
		assertThat(await(this.index.userConnections("alice"))).isEmpty();
		assertThat(await(this.index.userConnections("nobody"))).isEmpty();
	}

}
