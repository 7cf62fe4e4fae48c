package dev.sockets.sample;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NodeModules#staleness}: when the Node suite has to run {@code npm ci} again.
 */
class NodeModulesTests {

	private static final String LOCKFILE = """
			{"name":"t","lockfileVersion":3,"packages":{
			 "":{"name":"t","devDependencies":{"a":"1.0.0","b":"2.0.0"}},
			 "node_modules/a":{"version":"1.0.0","dev":true},
			 "node_modules/b":{"version":"2.0.0","dev":true},
			 "node_modules/fsevents":{"version":"2.3.3","optional":true}}}
			""";

	@TempDir
	Path project;

	@Test
	void missingNodeModulesOrInstallRecordIsStale() throws Exception {
		Path lockfile = write("package-lock.json", LOCKFILE);

		assertThat(NodeModules.staleness(lockfile, this.project.resolve("node_modules"))).contains("is missing");
		Files.createDirectory(this.project.resolve("node_modules"));
		assertThat(NodeModules.staleness(lockfile, this.project.resolve("node_modules")))
			.contains(".package-lock.json is missing");
	}

	@Test
	void installMatchingTheLockfileIsCurrentEvenWithoutOptionalPackages() throws Exception {
		Path lockfile = write("package-lock.json", LOCKFILE);
		installed("""
				{"packages":{"node_modules/a":{"version":"1.0.0"},"node_modules/b":{"version":"2.0.0"}}}
				""");

		assertThat(NodeModules.staleness(lockfile, this.project.resolve("node_modules"))).isNull();
	}

	@Test
	void aPackageAddedToTheLockfileMakesTheInstallStale() throws Exception {
		Path lockfile = write("package-lock.json", LOCKFILE);
		installed("""
				{"packages":{"node_modules/a":{"version":"1.0.0"}}}
				""");

		assertThat(NodeModules.staleness(lockfile, this.project.resolve("node_modules")))
			.isEqualTo("node_modules/b is pinned at 2.0.0 but not installed");
	}

	@Test
	void anUpgradedPackageMakesTheInstallStale() throws Exception {
		Path lockfile = write("package-lock.json", LOCKFILE);
		installed("""
				{"packages":{"node_modules/a":{"version":"0.9.0"},"node_modules/b":{"version":"2.0.0"}}}
				""");

		assertThat(NodeModules.staleness(lockfile, this.project.resolve("node_modules")))
			.isEqualTo("node_modules/a is pinned at 1.0.0 but 0.9.0 is installed");
	}

	@Test
	void aPackageRemovedFromTheLockfileMakesTheInstallStale() throws Exception {
		Path lockfile = write("package-lock.json", LOCKFILE);
		installed("""
				{"packages":{"node_modules/a":{"version":"1.0.0"},"node_modules/b":{"version":"2.0.0"},
				 "node_modules/c":{"version":"3.0.0"}}}
				""");

		assertThat(NodeModules.staleness(lockfile, this.project.resolve("node_modules")))
			.isEqualTo("node_modules/c is installed but not in package-lock.json");
	}

	private Path write(String name, String content) throws Exception {
		return Files.writeString(this.project.resolve(name), content);
	}

	private void installed(String hiddenLockfile) throws Exception {
		Files.createDirectories(this.project.resolve("node_modules"));
		write("node_modules/.package-lock.json", hiddenLockfile);
	}

}
