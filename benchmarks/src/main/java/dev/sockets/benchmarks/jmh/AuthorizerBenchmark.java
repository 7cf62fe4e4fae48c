package dev.sockets.benchmarks.jmh;

import java.security.Principal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.sockets.channel.AuthorizationResult;
import dev.sockets.channel.AuthorizationSettings;
import dev.sockets.channel.AuthorizeChannel;
import dev.sockets.channel.AuthorizerDiscovery;
import dev.sockets.channel.ChannelAuthorization;
import dev.sockets.channel.ChannelVariable;
import dev.sockets.channel.SubscriptionRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The authorizer pipeline per subscription, with ten {@code @AuthorizeChannel} methods
 * registered as an application would have them: a public channel no pattern matches
 * (matched against every pattern and decided on the calling thread), and a private
 * channel one method grants (variable binding, conversion, the method call and the hop to
 * an authorizer thread and back).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AuthorizerBenchmark {

	private static final Principal USER = () -> "alice";

	private ChannelAuthorization authorization;

	private final SubscriptionRequest publicChannel = new SubscriptionRequest("chat.lobby", "1.1", USER);

	private final SubscriptionRequest privateChannel = new SubscriptionRequest("private-team.42", "1.1", USER);

	@Setup(Level.Trial)
	public void setUp() {
		AuthorizerDiscovery discovery = new AuthorizerDiscovery();
		discovery.postProcessAfterInitialization(new Teams(), "teams");
		for (int i = 0; i < 9; i++) {
			discovery.postProcessAfterInitialization(new Other(), "other" + i);
		}
		discovery.afterSingletonsInstantiated();
		this.authorization = new ChannelAuthorization(discovery,
				new AuthorizationSettings(4, 1000, Duration.ofSeconds(5), Duration.ZERO));
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.authorization.destroy();
	}

	@Benchmark
	public AuthorizationResult publicChannelNoAuthorizerMatches() {
		return this.authorization.authorize(this.publicChannel, true).join();
	}

	@Benchmark
	public AuthorizationResult privateChannelGrantedByAMethod() {
		return this.authorization.authorize(this.privateChannel, true).join();
	}

	/**
	 * Grants members of even teams.
	 */
	public static class Teams {

		@AuthorizeChannel("private-team.{teamId}")
		public boolean team(Principal user, @ChannelVariable long teamId) {
			return user != null && teamId % 2 == 0;
		}

	}

	/**
	 * Guards channels the benchmark never subscribes to.
	 */
	public static class Other {

		@AuthorizeChannel("private-orders.{orderId}.items.{itemId}")
		public boolean orders(@ChannelVariable long orderId, @ChannelVariable long itemId) {
			return true;
		}

	}

}
