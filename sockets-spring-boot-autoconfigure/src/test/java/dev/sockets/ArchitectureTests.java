package dev.sockets;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.sockets.autoconfigure.SocketsProperties;
import dev.sockets.broker.Broadcast;
import dev.sockets.broker.BroadcastRefusedException;
import dev.sockets.broker.Broadcaster;
import dev.sockets.broker.Broker;
import dev.sockets.broker.BrokerListener;
import dev.sockets.broker.ChannelCache;
import dev.sockets.broker.Publication;
import dev.sockets.broker.Retention;
import dev.sockets.broker.StreamPosition;
import dev.sockets.broker.History;
import dev.sockets.broker.ChannelHistory;
import dev.sockets.broker.SocketsObservation;
import dev.sockets.broker.BroadcastContext;
import dev.sockets.broker.DeliveryContext;
import dev.sockets.broker.BroadcastConvention;
import dev.sockets.broker.DeliveryConvention;
import dev.sockets.channel.AuthorizeChannel;
import dev.sockets.channel.CacheMissEvent;
import dev.sockets.channel.ChannelAuthorizer;
import dev.sockets.channel.ChannelDecision;
import dev.sockets.channel.ChannelEvent;
import dev.sockets.channel.ChannelOccupiedEvent;
import dev.sockets.channel.ChannelVacatedEvent;
import dev.sockets.channel.ChannelVariable;
import dev.sockets.channel.ClientEventContext;
import dev.sockets.channel.ClientEventHandler;
import dev.sockets.channel.ClientEventRelayedEvent;
import dev.sockets.channel.PresenceMember;
import dev.sockets.channel.SignInUser;
import dev.sockets.channel.SubscriptionCountEvent;
import dev.sockets.channel.SubscriptionRequest;
import dev.sockets.handshake.ClientRequest;
import dev.sockets.handshake.HandshakeRefusal;
import dev.sockets.handshake.SocketAuthenticationException;
import dev.sockets.handshake.SocketAuthenticator;
import dev.sockets.handshake.SocketHandshakeInterceptor;
import dev.sockets.presence.MemberAddedEvent;
import dev.sockets.presence.MemberEvent;
import dev.sockets.presence.MemberRemovedEvent;
import dev.sockets.presence.ConnectionIndex;
import dev.sockets.presence.PresenceStore;
import dev.sockets.presence.PresenceUnavailableException;
import dev.sockets.presence.RoomManager;
import dev.sockets.protocol.ChannelType;
import dev.sockets.protocol.InvalidChannelNameException;
import dev.sockets.server.ConnectionClosedEvent;
import dev.sockets.server.ConnectionOpenedEvent;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layers of STYLE.md: each package depends only on lower layers, never across
 * its own layer; and the public API, which exposes none of the internals.
 */
class ArchitectureTests {

	/**
	 * The public API: what applications call, implement, listen to, catch or configure,
	 * with their nested types. Every other public type is internal: public only because
	 * another of our packages uses it, and documented "Internal:". Adding a type here
	 * widens the compatibility promise, so it is done on purpose, not by a signature that
	 * happens to name an internal type.
	 */
	private static final Set<Class<?>> PUBLIC_API = Set.of(Broadcaster.class, Broadcast.class,
			BroadcastRefusedException.class, Broker.class, BrokerListener.class, Publication.class,
			StreamPosition.class, Retention.class, History.class, ChannelHistory.class, ChannelCache.class,
			SocketsObservation.class, BroadcastContext.class, DeliveryContext.class, BroadcastConvention.class,
			DeliveryConvention.class, AuthorizeChannel.class, ChannelVariable.class, ChannelAuthorizer.class,
			ChannelDecision.class, SubscriptionRequest.class, PresenceMember.class, ClientEventHandler.class,
			ClientEventContext.class, SignInUser.class, SocketAuthenticator.class, SocketAuthenticationException.class,
			SocketHandshakeInterceptor.class, ClientRequest.class, HandshakeRefusal.class, RoomManager.class,
			PresenceStore.class, ConnectionIndex.class, PresenceUnavailableException.class, ChannelType.class,
			InvalidChannelNameException.class, ChannelEvent.class, ChannelOccupiedEvent.class,
			ChannelVacatedEvent.class, CacheMissEvent.class, SubscriptionCountEvent.class,
			ClientEventRelayedEvent.class, MemberEvent.class, MemberAddedEvent.class, MemberRemovedEvent.class,
			ConnectionOpenedEvent.class, ConnectionClosedEvent.class, SocketsProperties.class);

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.sockets");

	@Test
	void packagesDependOnlyOnLowerLayers() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("protocol")
			.definedBy("dev.sockets.protocol..")
			.layer("connection")
			.definedBy("dev.sockets.connection..")
			.layer("broker")
			.definedBy("dev.sockets.broker..")
			.layer("handshake")
			.definedBy("dev.sockets.handshake..")
			.layer("channel")
			.definedBy("dev.sockets.channel..")
			.layer("presence")
			.definedBy("dev.sockets.presence..")
			.layer("server")
			.definedBy("dev.sockets.server..")
			.layer("http")
			.definedBy("dev.sockets.http..")
			.layer("redis")
			.definedBy("dev.sockets.redis..")
			.layer("webhook")
			.definedBy("dev.sockets.webhook..")
			.layer("transport")
			.definedBy("dev.sockets.transport..")
			.layer("autoconfigure")
			.definedBy("dev.sockets.autoconfigure..")
			.layer("actuator")
			.definedBy("dev.sockets.actuator..")
			.whereLayer("autoconfigure")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("actuator")
			.mayOnlyBeAccessedByLayers("autoconfigure")
			.whereLayer("transport")
			.mayOnlyBeAccessedByLayers("autoconfigure")
			.whereLayer("server")
			.mayOnlyBeAccessedByLayers("transport", "autoconfigure", "actuator")
			.whereLayer("http")
			.mayOnlyBeAccessedByLayers("transport", "autoconfigure", "actuator")
			.whereLayer("redis")
			.mayOnlyBeAccessedByLayers("autoconfigure", "actuator")
			.whereLayer("webhook")
			.mayOnlyBeAccessedByLayers("redis", "autoconfigure", "actuator")
			.whereLayer("presence")
			.mayOnlyBeAccessedByLayers("server", "http", "redis", "webhook", "transport", "autoconfigure", "actuator")
			.whereLayer("channel")
			.mayOnlyBeAccessedByLayers("presence", "server", "http", "redis", "webhook", "transport", "autoconfigure",
					"actuator")
			.whereLayer("connection")
			.mayOnlyBeAccessedByLayers("channel", "presence", "server", "http", "redis", "webhook", "transport",
					"autoconfigure", "actuator")
			.whereLayer("broker")
			.mayOnlyBeAccessedByLayers("channel", "presence", "server", "http", "redis", "transport", "autoconfigure",
					"actuator")
			.whereLayer("handshake")
			.mayOnlyBeAccessedByLayers("channel", "presence", "server", "http", "redis", "transport", "autoconfigure",
					"actuator")
			.withOptionalLayers(true)
			.check(CLASSES);
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.sockets.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void autoConfigurationsArePublicFinalWithoutPublicMembers() {
		classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.haveModifier(JavaModifier.FINAL)
			.andShould()
			.bePublic()
			.check(CLASSES);
		com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods()
			.that()
			.areDeclaredInClassesThat()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.notBePublic()
			.check(CLASSES);
	}

	@Test
	void publicApiTypesArePublic() {
		classes().that(isPublicApi()).should().bePublic().check(CLASSES);
	}

	/**
	 * ArchUnit cannot read the "Internal:" Javadoc, so {@link #PUBLIC_API} is the
	 * contract and this holds it: the public and protected members and the supertypes of
	 * API types name no type of ours outside the API, generics and throws clauses
	 * included. Exposing {@code Frame} through {@code Publication}, or {@code Connection}
	 * through an event, fails here.
	 */
	@Test
	void publicApiExposesNoInternalType() {
		classes().that(isPublicApi()).should(exposeOnlyPublicApiTypes()).check(CLASSES);
	}

	private static DescribedPredicate<JavaClass> isPublicApi() {
		return describe("are in the public API", ArchitectureTests::isPublicApi);
	}

	// an enum constant's body is an anonymous class, never part of an API
	private static boolean isPublicApi(JavaClass type) {
		if (type.isAnonymousClass()) {
			return false;
		}
		JavaClass outermost = type;
		while (outermost.getEnclosingClass().isPresent()) {
			outermost = outermost.getEnclosingClass().get();
		}
		return PUBLIC_API.stream().anyMatch(outermost::isEquivalentTo);
	}

	private static ArchCondition<JavaClass> exposeOnlyPublicApiTypes() {
		return new ArchCondition<>("expose only public API types of dev.sockets") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				type.getSuperclass().ifPresent((supertype) -> report(type.getName(), supertype, events));
				type.getInterfaces().forEach((supertype) -> report(type.getName(), supertype, events));
				for (JavaMember member : type.getMembers()) {
					if (!member.getModifiers().contains(JavaModifier.PUBLIC)
							&& !member.getModifiers().contains(JavaModifier.PROTECTED)) {
						continue;
					}
					if (member instanceof JavaCodeUnit codeUnit) {
						report(member.getFullName(), codeUnit.getReturnType(), events);
						codeUnit.getParameterTypes()
							.forEach((parameter) -> report(member.getFullName(), parameter, events));
						codeUnit.getThrowsClause()
							.getTypes()
							.forEach((thrown) -> report(member.getFullName(), thrown, events));
					}
					else if (member instanceof JavaField field) {
						report(member.getFullName(), field.getType(), events);
					}
				}
			}

			private void report(String where, JavaType exposed, ConditionEvents events) {
				for (JavaClass involved : exposed.getAllInvolvedRawTypes()) {
					if (involved.getPackageName().startsWith("dev.sockets") && !isPublicApi(involved)) {
						events.add(SimpleConditionEvent.violated(where,
								where + " exposes the internal type " + involved.getName()));
					}
				}
			}

		};
	}

}
