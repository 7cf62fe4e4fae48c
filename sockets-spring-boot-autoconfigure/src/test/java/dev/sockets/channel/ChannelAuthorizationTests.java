package dev.sockets.channel;

import java.io.InputStream;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorizer pipeline as an application builds it: beans found by
 * {@link AuthorizerDiscovery} in a real context, run by {@link ChannelAuthorization}.
 */
class ChannelAuthorizationTests {

	private static final Principal ALICE = () -> "alice";

	private static final Principal BOB = () -> "bob";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Pipeline.class);

	@Test
	void bindsChannelVariablesWithConversionAndInjectsThePrincipal() {
		this.runner.withUserConfiguration(Teams.class).run((context) -> {
			ChannelAuthorization authorization = context.getBean(ChannelAuthorization.class);
			assertThat(decide(authorization, "private-team.1", ALICE).granted()).isTrue();
			AuthorizationResult bob = decide(authorization, "private-team.1", BOB);
			assertThat(bob.granted()).isFalse();
			assertThat(bob.status()).isEqualTo(403);
			AuthorizationResult anonymous = decide(authorization, "private-team.1", null);
			assertThat(anonymous.status()).isEqualTo(401);
			assertThat(context.getBean(Teams.class).calls).containsExactly("alice:1", "bob:1", "null:1");
		});
	}

	@Test
	void aVariableThatDoesNotConvertDeniesWithoutCallingTheAuthorizer() {
		this.runner.withUserConfiguration(Teams.class).run((context) -> {
			AuthorizationResult result = decide(context.getBean(ChannelAuthorization.class), "private-team.abc", ALICE);
			assertThat(result.granted()).isFalse();
			assertThat(result.status()).isEqualTo(403);
			assertThat(result.message()).contains("teamId is not a valid value");
			assertThat(context.getBean(Teams.class).calls).isEmpty();
		});
	}

	@Test
	void privateChannelsNeedAGrantAndPublicOnesAreOpenUnlessDenied() {
		this.runner.withUserConfiguration(Teams.class, Banned.class).run((context) -> {
			ChannelAuthorization authorization = context.getBean(ChannelAuthorization.class);
			AuthorizationResult unmatched = decide(authorization, "private-orders.1", ALICE);
			assertThat(unmatched.granted()).isFalse();
			assertThat(unmatched.message()).isEqualTo("Access to private-orders.1 is not granted by any authorizer");
			assertThat(decide(authorization, "news", null).granted()).isTrue();
			AuthorizationResult banned = decide(authorization, "news", () -> "mallory");
			assertThat(banned.granted()).isFalse();
			assertThat(banned.message()).isEqualTo("mallory is banned");
		});
	}

	@Test
	void publicChannelsNoAuthorizerMatchesAreDecidedAtOnce() {
		this.runner.withUserConfiguration(Teams.class).run((context) -> {
			assertThat(context.getBean(ChannelAuthorization.class)
				.authorize(new SubscriptionRequest("news", "1.1", null), true)
				.isDone()).isTrue();
		});
	}

	@Test
	void authorizersRunInOrderAndTheFirstDenialWins() {
		this.runner.withUserConfiguration(Ordered.class).run((context) -> {
			ChannelAuthorization authorization = context.getBean(ChannelAuthorization.class);
			List<String> log = context.getBean(Ordered.class).log;
			AuthorizationResult result = decide(authorization, "private-x", ALICE);
			assertThat(result.granted()).isFalse();
			assertThat(result.message()).isEqualTo("second says no");
			assertThat(log).containsExactly("first", "second");
			log.clear();
			assertThat(decide(authorization, "private-y", ALICE).granted()).isTrue();
			assertThat(log).containsExactly("first", "second", "third");
		});
	}

	@Test
	void channelAuthorizerBeansJoinThePipelineByTheirOrder() {
		this.runner.withUserConfiguration(Ordered.class, AuthorizerBeans.class).run((context) -> {
			List<String> log = context.getBean(Ordered.class).log;
			decide(context.getBean(ChannelAuthorization.class), "private-y", ALICE);
			assertThat(log).containsExactly("bean at 0", "first", "second", "third", "unordered bean");
		});
	}

	@Test
	void abstentionsAloneDoNotGrantAPrivateChannel() {
		this.runner.withUserConfiguration(Abstaining.class).run((context) -> {
			ChannelAuthorization authorization = context.getBean(ChannelAuthorization.class);
			assertThat(decide(authorization, "private-x", ALICE).granted()).isFalse();
			assertThat(decide(authorization, "public-x", ALICE).granted()).isTrue();
			assertThat(context.getBean(Abstaining.class).calls.get()).isEqualTo(2);
		});
	}

	@Test
	void anAuthorizerThatThrowsDeniesAndIsCountedAsAFailure() {
		this.runner.withUserConfiguration(Failing.class).run((context) -> {
			ChannelAuthorization authorization = context.getBean(ChannelAuthorization.class);
			AuthorizationResult result = decide(authorization, "private-x", ALICE);
			assertThat(result.granted()).isFalse();
			assertThat(result.message()).isEqualTo("Authorization failed");
			assertThat(authorization.failedCount()).isOne();
			assertThat(authorization.deniedCount()).isZero();
			assertThat(decide(authorization, "private-x", ALICE).granted()).isFalse();
			assertThat(authorization.failedCount()).isEqualTo(2);
		});
	}

	@Test
	void aSlowAuthorizerIsInterruptedAndDeniesWith503() {
		this.runner.withUserConfiguration(Slow.class).run((context) -> {
			ChannelAuthorization authorization = context.getBean(ChannelAuthorization.class);
			AuthorizationResult result = decide(authorization, "private-slow", ALICE);
			assertThat(result.granted()).isFalse();
			assertThat(result.status()).isEqualTo(503);
			assertThat(authorization.failedCount()).isOne();
			assertThat(context.getBean(Slow.class).interrupted.await(5, TimeUnit.SECONDS)).isTrue();
		});
	}

	@Test
	void presenceAuthorizersReturnTheMemberOrNullToDeny() {
		this.runner.withUserConfiguration(Rooms.class).run((context) -> {
			ChannelAuthorization authorization = context.getBean(ChannelAuthorization.class);
			AuthorizationResult alice = decide(authorization, "presence-room.7", ALICE);
			assertThat(alice.granted()).isTrue();
			assertThat(alice.member()).isEqualTo(new PresenceMember("alice", Map.of("room", "7")));
			assertThat(decide(authorization, "presence-room.7", BOB).granted()).isFalse();
			AuthorizationResult lobby = decide(authorization, "presence-lobby", BOB);
			assertThat(lobby.member()).isEqualTo(PresenceMember.of("bob"));
			assertThat(decide(authorization, "presence-lobby", null).status()).isEqualTo(401);
		});
	}

	@Test
	void principalParametersOfAnotherTypeGetNull() {
		this.runner.withUserConfiguration(TypedPrincipal.class).run((context) -> {
			ChannelAuthorization authorization = context.getBean(ChannelAuthorization.class);
			assertThat(decide(authorization, "private-x", new Admin("root")).granted()).isTrue();
			assertThat(decide(authorization, "private-x", ALICE).granted()).isFalse();
		});
	}

	@Test
	void theApplicationsConvertersConvertChannelVariables() {
		this.runner.withUserConfiguration(Slugs.class).run((context) -> {
			ChannelAuthorization authorization = context.getBean(ChannelAuthorization.class);
			assertThat(decide(authorization, "private-doc.hello", ALICE).granted()).isTrue();
			assertThat(context.getBean(Slugs.class).seen).containsExactly("slug:hello");
		});
	}

	@Test
	void decisionsAreCachedPerConnectionWhenConfigured() {
		this.runner.withUserConfiguration(Teams.class)
			.withBean(AuthorizationSettings.class,
					() -> new AuthorizationSettings(2, 10, Duration.ofSeconds(5), Duration.ofMinutes(1)))
			.run((context) -> {
				ChannelAuthorization authorization = context.getBean(ChannelAuthorization.class);
				List<String> calls = context.getBean(Teams.class).calls;
				SubscriptionRequest request = new SubscriptionRequest("private-team.1", "1.1", ALICE);
				assertThat(authorization.authorize(request, true).get().granted()).isTrue();
				assertThat(authorization.authorize(request, true).get().granted()).isTrue();
				assertThat(calls).hasSize(1);
				assertThat(authorization.authorize(request, false).get().granted()).isTrue();
				assertThat(calls).hasSize(2);
				authorization.forget("1.1");
				authorization.authorize(request, true).get();
				assertThat(calls).hasSize(3);
			});
	}

	@Test
	void aDecisionThatArrivesAfterTheConnectionClosedIsNotKept() {
		this.runner.withUserConfiguration(Gated.class)
			.withBean(AuthorizationSettings.class,
					() -> new AuthorizationSettings(2, 10, Duration.ofSeconds(5), Duration.ofMinutes(1)))
			.run((context) -> {
				ChannelAuthorization authorization = context.getBean(ChannelAuthorization.class);
				Gated gated = context.getBean(Gated.class);
				SubscriptionRequest request = new SubscriptionRequest("private-gated", "1.1", ALICE);
				CompletableFuture<AuthorizationResult> pending = authorization.authorize(request, true);
				authorization.forget("1.1");
				gated.open.countDown();
				assertThat(pending.get().granted()).isTrue();
				authorization.authorize(request, true).get();
				assertThat(gated.calls.get()).as("asked again: the late decision was not kept").isEqualTo(2);
			});
	}

	@Test
	void decisionsAreNotCachedByDefault() {
		this.runner.withUserConfiguration(Teams.class).run((context) -> {
			ChannelAuthorization authorization = context.getBean(ChannelAuthorization.class);
			SubscriptionRequest request = new SubscriptionRequest("private-team.1", "1.1", ALICE);
			authorization.authorize(request, true).get();
			authorization.authorize(request, true).get();
			assertThat(context.getBean(Teams.class).calls).hasSize(2);
		});
	}

	@Test
	void badPatternsFailStartupNamingTheMethod() {
		this.runner.withUserConfiguration(BadPattern.class)
			.run((context) -> assertThat(failure(context))
				.contains("Invalid @AuthorizeChannel method channelAuthorizationTests.BadPattern.team(String)")
				.contains("unclosed '{'"));
	}

	@Test
	void unsupportedParametersFailStartup() {
		this.runner.withUserConfiguration(UnsupportedParameter.class)
			.run((context) -> assertThat(failure(context)).contains("UnsupportedParameter.team(String)")
				.contains("parameter 1 (String) is not supported"));
	}

	@Test
	void variablesMissingFromThePatternFailStartup() {
		this.runner.withUserConfiguration(UnknownVariable.class)
			.run((context) -> assertThat(failure(context))
				.contains("@ChannelVariable 'team' is not a variable of the pattern 'private-org.{org}'"));
	}

	@Test
	void unsupportedReturnTypesFailStartup() {
		this.runner.withUserConfiguration(UnsupportedReturn.class)
			.run((context) -> assertThat(failure(context)).contains("it returns String; return boolean, Boolean"));
	}

	@Test
	void variablesWithoutAConverterFailStartup() {
		this.runner.withUserConfiguration(Unconvertible.class)
			.run((context) -> assertThat(failure(context))
				.contains("no converter from String to java.io.InputStream for @ChannelVariable 'id'"));
	}

	private static String failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		return NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()).getMessage();
	}

	private static AuthorizationResult decide(ChannelAuthorization authorization, String channel,
			@Nullable Principal principal) throws Exception {
		return authorization.authorize(new SubscriptionRequest(channel, "1.1", principal), false)
			.get(5, TimeUnit.SECONDS);
	}

	@Configuration(proxyBeanMethods = false)
	static class Pipeline {

		@Bean
		static AuthorizerDiscovery authorizerDiscovery() {
			return new AuthorizerDiscovery();
		}

		@Bean
		ChannelAuthorization channelAuthorization(AuthorizerDiscovery discovery,
				org.springframework.beans.factory.ObjectProvider<AuthorizationSettings> settings) {
			return new ChannelAuthorization(discovery, settings
				.getIfAvailable(() -> new AuthorizationSettings(2, 10, Duration.ofMillis(300), Duration.ZERO)));
		}

	}

	static class Teams {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@AuthorizeChannel("private-team.{teamId}")
		boolean team(@Nullable Principal user, @ChannelVariable long teamId) {
			this.calls.add(((user != null) ? user.getName() : "null") + ":" + teamId);
			return user != null && user.getName().equals("alice") && teamId == 1L;
		}

	}

	static class Banned {

		@AuthorizeChannel("**")
		ChannelDecision banned(@Nullable Principal user) {
			return (user != null && user.getName().equals("mallory")) ? ChannelDecision.deny("mallory is banned")
					: ChannelDecision.abstain();
		}

	}

	@Order(5)
	static class Ordered {

		final List<String> log = new CopyOnWriteArrayList<>();

		@Order(3)
		@AuthorizeChannel("private-*")
		boolean third() {
			this.log.add("third");
			return true;
		}

		@Order(1)
		@AuthorizeChannel("private-*")
		boolean first() {
			this.log.add("first");
			return true;
		}

		@Order(2)
		@AuthorizeChannel("private-*")
		ChannelDecision second(SubscriptionRequest request) {
			this.log.add("second");
			return request.channel().equals("private-x") ? ChannelDecision.deny("second says no")
					: ChannelDecision.abstain();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AuthorizerBeans {

		@Bean
		@Order(0)
		ChannelAuthorizer orderedBean(Ordered ordered) {
			return (request) -> {
				ordered.log.add("bean at 0");
				return ChannelDecision.abstain();
			};
		}

		@Bean
		ChannelAuthorizer unorderedBean(Ordered ordered) {
			return (request) -> {
				ordered.log.add("unordered bean");
				return null;
			};
		}

	}

	static class Abstaining {

		final AtomicInteger calls = new AtomicInteger();

		@AuthorizeChannel({ "private-x", "public-x" })
		@Nullable Boolean undecided() {
			this.calls.incrementAndGet();
			return null;
		}

	}

	static class Failing {

		@AuthorizeChannel("private-x")
		boolean fails() {
			throw new IllegalStateException("database down");
		}

	}

	static class Slow {

		final CountDownLatch interrupted = new CountDownLatch(1);

		@AuthorizeChannel("private-slow")
		boolean slow() {
			try {
				Thread.sleep(10_000);
			}
			catch (InterruptedException ex) {
				this.interrupted.countDown();
			}
			return true;
		}

	}

	static class Gated {

		final CountDownLatch open = new CountDownLatch(1);

		final AtomicInteger calls = new AtomicInteger();

		@AuthorizeChannel("private-gated")
		boolean gated() throws InterruptedException {
			this.calls.incrementAndGet();
			return this.open.await(5, TimeUnit.SECONDS);
		}

	}

	static class Rooms {

		@AuthorizeChannel("presence-room.{room}")
		@Nullable PresenceMember room(Principal user, @ChannelVariable String room) {
			return user.getName().equals("alice") ? new PresenceMember(user.getName(), Map.of("room", room)) : null;
		}

		@AuthorizeChannel("presence-lobby")
		boolean lobby() {
			return true;
		}

	}

	record Admin(String getName) implements Principal {

	}

	static class TypedPrincipal {

		@AuthorizeChannel("private-x")
		boolean admins(@Nullable Admin admin) {
			return admin != null;
		}

	}

	static final class Slug {

		private final String value;

		private Slug(String value) {
			this.value = value;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Slugs {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Bean
		Converter<String, Slug> slugConverter() {
			return new Converter<>() {
				@Override
				public Slug convert(String source) {
					return new Slug("slug:" + source);
				}
			};
		}

		@AuthorizeChannel("private-doc.{slug}")
		boolean document(@ChannelVariable Slug slug) {
			this.seen.add(slug.value);
			return true;
		}

	}

	static class BadPattern {

		@AuthorizeChannel("private-team.{id")
		boolean team(@ChannelVariable("id") String id) {
			return true;
		}

	}

	static class UnsupportedParameter {

		@AuthorizeChannel("private-team.{team}")
		boolean team(String team) {
			return true;
		}

	}

	static class UnknownVariable {

		@AuthorizeChannel({ "private-team.{team}", "private-org.{org}" })
		boolean team(@ChannelVariable String team) {
			return true;
		}

	}

	static class UnsupportedReturn {

		@AuthorizeChannel("private-team.{team}")
		String team() {
			return "yes";
		}

	}

	static class Unconvertible {

		@AuthorizeChannel("private-stream.{id}")
		boolean stream(@ChannelVariable InputStream id) {
			return true;
		}

	}

}
