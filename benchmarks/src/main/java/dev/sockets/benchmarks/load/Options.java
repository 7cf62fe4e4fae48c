package dev.sockets.benchmarks.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Command-line options as {@code --name=value}, with defaults.
 */
final class Options {

	private final Map<String, String> values = new HashMap<>();

	Options(String[] args) {
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Options look like --name=value, not '" + arg + "'");
			}
			int eq = arg.indexOf('=');
			this.values.put(arg.substring(2, eq), arg.substring(eq + 1));
		}
	}

	String string(String name, String fallback) {
		return this.values.getOrDefault(name, fallback);
	}

	int integer(String name, int fallback) {
		return this.values.containsKey(name) ? Integer.parseInt(this.values.get(name)) : fallback;
	}

	Duration seconds(String name, int fallback) {
		return Duration.ofSeconds(integer(name, fallback));
	}

}
