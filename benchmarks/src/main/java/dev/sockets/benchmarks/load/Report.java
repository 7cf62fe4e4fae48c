package dev.sockets.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * One scenario's figures: printed as they are measured and appended as one JSON line to
 * the results file, from which docs/performance.md's tables and plots are made.
 */
final class Report {

	private final Map<String, Object> values = new LinkedHashMap<>();

	private final Path file;

	Report(String scenario, String target, Path file) {
		this.file = file;
		this.values.put("scenario", scenario);
		this.values.put("target", target);
		this.values.put("time", Instant.now().toString());
	}

	Report put(String name, Object value) {
		this.values.put(name, value);
		System.out.printf("  %-28s %s%n", name, (value instanceof Double d) ? String.format("%.2f", d) : value);
		return this;
	}

	void write() throws IOException {
		Files.createDirectories(this.file.toAbsolutePath().getParent());
		Files.writeString(this.file, JsonMapper.shared().writeValueAsString(this.values) + "\n", StandardCharsets.UTF_8,
				StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

}
