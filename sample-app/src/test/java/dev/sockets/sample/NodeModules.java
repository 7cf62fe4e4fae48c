package dev.sockets.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether an npm project's {@code node_modules} holds what its {@code package-lock.json}
 * pins. npm records what it installed in {@code node_modules/.package-lock.json}; a
 * lockfile changed since (a dependency added, removed or upgraded, e.g. by a pull) makes
 * the two disagree, and {@code npm ci} has to run again.
 */
final class NodeModules {

	private NodeModules() {
	}

	/**
	 * Why {@code node_modules} needs {@code npm ci}.
	 * @param lockfile the project's {@code package-lock.json}
	 * @param nodeModules its {@code node_modules} directory
	 * @return the reason, or {@code null} when every pinned package is installed at its
	 * pinned version and nothing else is
	 * @throws IOException if a lockfile cannot be read
	 */
	static @Nullable String staleness(Path lockfile, Path nodeModules) throws IOException {
		if (!Files.isDirectory(nodeModules)) {
			return nodeModules + " is missing";
		}
		Path installed = nodeModules.resolve(".package-lock.json");
		if (!Files.isRegularFile(installed)) {
			return installed + " is missing";
		}
		JsonNode wanted = JsonMapper.shared().readTree(lockfile).path("packages");
		JsonNode present = JsonMapper.shared().readTree(installed).path("packages");
		for (Map.Entry<String, JsonNode> entry : wanted.properties()) {
			String name = entry.getKey();
			JsonNode pinned = entry.getValue();
			// "" is the project itself; optional packages may be left out on this
			// platform
			if (name.isEmpty() || pinned.path("optional").asBoolean(false) && !present.has(name)) {
				continue;
			}
			String version = pinned.path("version").asString("");
			String installedVersion = present.path(name).path("version").asString("");
			if (!version.equals(installedVersion)) {
				return name + " is pinned at " + version + " but "
						+ (installedVersion.isEmpty() ? "not installed" : installedVersion + " is installed");
			}
		}
		for (String name : present.propertyNames()) {
			if (!wanted.has(name)) {
				return name + " is installed but not in " + lockfile.getFileName();
			}
		}
		return null;
	}

}
