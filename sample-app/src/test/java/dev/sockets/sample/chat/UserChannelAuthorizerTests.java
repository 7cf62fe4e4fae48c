package dev.sockets.sample.chat;

import java.security.Principal;

import dev.sockets.channel.ChannelDecision;
import dev.sockets.channel.ChannelDecision.Verdict;
import dev.sockets.channel.SubscriptionRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserChannelAuthorizerTests {

	private final UserChannelAuthorizer authorizer = new UserChannelAuthorizer();

	private final Principal alice = () -> "alice";

	@Test
	void grantsAUsersChannelToThatUserAlone() {
		assertThat(decide("private-user.alice", this.alice).verdict()).isEqualTo(Verdict.GRANT);
		ChannelDecision bob = decide("private-user.alice", () -> "bob");
		assertThat(bob.verdict()).isEqualTo(Verdict.DENY);
		assertThat(bob.reason()).isEqualTo("Only alice may subscribe to private-user.alice");
		assertThat(decide("private-user.alice", null).verdict()).isEqualTo(Verdict.DENY);
		assertThat(decide("private-user.alicex", this.alice).verdict()).isEqualTo(Verdict.DENY);
	}

	@Test
	void abstainsFromEveryOtherChannel() {
		assertThat(decide("private-team.red", this.alice).verdict()).isEqualTo(Verdict.ABSTAIN);
		assertThat(decide("private-users.alice", this.alice).verdict()).isEqualTo(Verdict.ABSTAIN);
		assertThat(decide("chat.lobby", null).verdict()).isEqualTo(Verdict.ABSTAIN);
	}

	private ChannelDecision decide(String channel, Principal user) {
		return this.authorizer.authorize(new SubscriptionRequest(channel, "1.2", user));
	}

}
