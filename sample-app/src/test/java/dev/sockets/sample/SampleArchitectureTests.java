package dev.sockets.sample;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample shows what users of the starter write, so it uses only the starter's public
 * API, never its internals.
 */
class SampleArchitectureTests {

	/**
	 * The starter's public API, which the sample may use: the types with compatibility
	 * promises, the application events among them. Everything else in {@code dev.sockets}
	 * is internal.
	 */
	private static final Set<String> PUBLIC_API = Set.of(
			// broadcasting, and reading a channel's history
			"dev.sockets.broker.Broadcaster", "dev.sockets.broker.Broadcast", "dev.sockets.broker.ChannelHistory",
			// presence
			"dev.sockets.presence.RoomManager", "dev.sockets.presence.PresenceStore",
			"dev.sockets.presence.MemberEvent", "dev.sockets.presence.MemberAddedEvent",
			"dev.sockets.presence.MemberRemovedEvent", "dev.sockets.channel.ChannelEvent",
			// authorization
			"dev.sockets.channel.AuthorizeChannel", "dev.sockets.channel.ChannelVariable",
			"dev.sockets.channel.ChannelAuthorizer", "dev.sockets.channel.ChannelDecision",
			"dev.sockets.channel.PresenceMember", "dev.sockets.channel.SubscriptionRequest",
			"dev.sockets.channel.ChannelOccupiedEvent", "dev.sockets.channel.ChannelVacatedEvent",
			"dev.sockets.channel.SignInUser",
			// client events handled on the server
			"dev.sockets.channel.ClientEventHandler", "dev.sockets.channel.ClientEventContext",
			// connections
			"dev.sockets.handshake.SocketAuthenticator", "dev.sockets.handshake.SocketAuthenticationException",
			"dev.sockets.handshake.SocketHandshakeInterceptor", "dev.sockets.handshake.ClientRequest",
			"dev.sockets.handshake.HandshakeRefusal", "dev.sockets.server.ConnectionOpenedEvent",
			"dev.sockets.server.ConnectionClosedEvent",
			// configuration
			"dev.sockets.autoconfigure.SocketsProperties");

	private static final DescribedPredicate<JavaClass> INTERNAL = DescribedPredicate.describe("internal to the starter",
			SampleArchitectureTests::isInternal);

	@Test
	void everyTypeOfThePublicApiExists() {
		// a type moved or renamed in the starter must not linger here as a stale entry
		ClassLoader loader = getClass().getClassLoader();
		assertThat(PUBLIC_API).allSatisfy((name) -> assertThat(ClassUtils.isPresent(name, loader)).as(name).isTrue());
	}

	@Test
	void treatsTheRestOfTheStarterAsInternalEventsIncluded() throws Exception {
		ClassFileImporter importer = new ClassFileImporter();

		assertThat(isInternal(importer.importClass(Class.forName("dev.sockets.presence.ChannelMembership")))).isTrue();
		assertThat(isInternal(importer.importClass(Class.forName("dev.sockets.http.PublishedEvent")))).isTrue();
		assertThat(isInternal(importer.importClass(Class.forName("dev.sockets.presence.MemberAddedEvent")))).isFalse();
		assertThat(isInternal(importer.importClass(Class.forName("dev.sockets.channel.ChannelDecision$Verdict"))))
			.isFalse();
	}

	@Test
	void usesOnlyThePublicApiOfTheStarter() {
		JavaClasses sample = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.sockets.sample");
		ArchRule rule = noClasses().should().dependOnClassesThat(INTERNAL);
		rule.check(sample);
	}

	private static boolean isInternal(JavaClass type) {
		String name = type.getName();
		if (!name.startsWith("dev.sockets.") || name.startsWith("dev.sockets.sample.")) {
			return false;
		}
		String outermost = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
		return !PUBLIC_API.contains(outermost);
	}

}
