package dev.sockets;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layers of STYLE.md: each package depends only on lower layers, never across
 * its own layer.
 */
class ArchitectureTests {

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
			.mayOnlyBeAccessedByLayers("channel", "presence", "server", "http", "redis", "transport", "autoconfigure",
					"actuator")
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

}
