package dev.sockets.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.sockets.channel.ChannelAuthorizer;
import dev.sockets.channel.ChannelDecision;
import dev.sockets.channel.PresenceMember;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What {@code recovery.test.js} in the Node suite needs of the app besides the sample's
 * own channels: channels with a history of their own ({@link #namespaces()}) and who may
 * join its presence channels ({@code presence-recovery.*}, any signed-in user).
 */
@TestConfiguration(proxyBeanMethods = false)
class RecoveryTestChannels {

	private static final String NAMESPACES = "sockets.namespaces";

	/** The suite's namespaces: a pattern and the size of its channels' history. */
	private static final List<Map.Entry<String, Integer>> SUITE = List.of(Map.entry("recovery.*", 100),
			Map.entry("recovery-busy.*", 1000), Map.entry("presence-recovery.*", 100));

	/**
	 * The properties of the app's namespaces and then the suite's. A list set in a
	 * property source replaces the whole list of the sources below it rather than adding
	 * to it, so the app's namespaces are read from {@code application.yml} and set again
	 * first.
	 * @return the {@code sockets.namespaces[*]} properties, in order
	 */
	static Map<String, Object> namespaces() {
		Properties app = applicationYml();
		Map<String, Object> properties = new LinkedHashMap<>();
		int index = 0;
		while (app.containsKey(NAMESPACES + "[" + index + "].pattern")) {
			String prefix = NAMESPACES + "[" + index + "].";
			// YAML gives numbers as numbers: all values, not only the strings
			app.forEach((name, value) -> {
				if (name.toString().startsWith(prefix)) {
					properties.put(name.toString(), value);
				}
			});
			index++;
		}
		for (Map.Entry<String, Integer> namespace : SUITE) {
			properties.put(NAMESPACES + "[" + index + "].pattern", namespace.getKey());
			properties.put(NAMESPACES + "[" + index + "].history.size", namespace.getValue());
			index++;
		}
		return properties;
	}

	/**
	 * Adds the suite's namespaces after the app's own.
	 * @param registry where the test's properties go
	 * @see #namespaces()
	 */
	static void namespaces(DynamicPropertyRegistry registry) {
		namespaces().forEach((name, value) -> registry.add(name, () -> value));
	}

	private static Properties applicationYml() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yml"));
		Properties properties = yaml.getObject();
		if (properties == null) {
			throw new UncheckedIOException(new IOException("application.yml not found on the class path"));
		}
		return properties;
	}

	@Bean
	ChannelAuthorizer presenceRecoveryAuthorizer() {
		return (request) -> {
			if (!request.channel().startsWith("presence-recovery.")) {
				return ChannelDecision.abstain();
			}
			Principal user = request.principal();
			return (user != null)
					? ChannelDecision.grant(new PresenceMember(user.getName(), Map.of("name", user.getName())))
					: ChannelDecision.deny("Sign in to join " + request.channel());
		};
	}

}
