package dev.sockets.autoconfigure;

import java.util.Arrays;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * The Netty server's TLS context, from one of Boot's SSL bundles.
 */
final class NettySsl {

	private static final String PROPERTY = "sockets.netty.ssl.bundle";

	private NettySsl() {
	}

	static @Nullable SslContext context(@Nullable String bundleName, ObjectProvider<SslBundles> bundles) {
		if (bundleName == null || bundleName.isBlank()) {
			return null;
		}
		SslBundles available = bundles.getIfAvailable();
		if (available == null) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, bundleName,
					"No SSL bundles are configured (spring.ssl.bundle.*).");
		}
		SslBundle bundle;
		try {
			bundle = available.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, bundleName,
					"No SSL bundle of that name: configure it under spring.ssl.bundle.");
		}
		try {
			SslContextBuilder builder = SslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory());
			SslOptions options = bundle.getOptions();
			if (options.getCiphers() != null) {
				builder.ciphers(Arrays.asList(options.getCiphers()));
			}
			if (options.getEnabledProtocols() != null) {
				builder.protocols(options.getEnabledProtocols());
			}
			return builder.build();
		}
		catch (Exception ex) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, bundleName,
					"The SSL bundle cannot serve TLS: " + ex.getMessage());
		}
	}

}
