package dev.sockets.channel;

import java.util.ArrayList;
import java.util.List;

import dev.sockets.broker.Retention;
import org.jspecify.annotations.Nullable;

/**
 * Internal: channel namespaces: patterns (the {@link AuthorizeChannel} syntax) with
 * settings of their own. The first namespace whose pattern matches a channel gives its
 * settings; a channel no pattern matches has the global ones.
 */
public final class Namespaces {

	private final List<Namespace> namespaces;

	private final ChannelSettings global;

	private final boolean keepHistory;

	private Namespaces(List<Namespace> namespaces, ChannelSettings global) {
		this.namespaces = namespaces;
		this.global = global;
		this.keepHistory = global.history() != null
				|| namespaces.stream().anyMatch((namespace) -> namespace.settings().history() != null);
	}

	/**
	 * No namespaces: the global settings everywhere.
	 * @param global the settings
	 * @return the namespaces
	 */
	public static Namespaces none(ChannelSettings global) {
		return new Namespaces(List.of(), global);
	}

	/**
	 * Starts namespaces over global settings.
	 * @param global the settings of channels no namespace matches
	 * @return a builder
	 */
	public static Builder over(ChannelSettings global) {
		return new Builder(global);
	}

	/**
	 * The settings of a channel.
	 * @param channel the channel's name
	 * @return its namespace's settings, or the global ones
	 */
	public ChannelSettings of(String channel) {
		for (Namespace namespace : this.namespaces) {
			if (namespace.pattern().matches(channel)) {
				return namespace.settings();
			}
		}
		return this.global;
	}

	/**
	 * The history a channel keeps.
	 * @param channel the channel's name
	 * @return its namespace's history, or {@code null} when it keeps none
	 */
	public @Nullable Retention history(String channel) {
		return this.keepHistory ? of(channel).history() : null;
	}

	private record Namespace(ChannelPattern pattern, ChannelSettings settings) {

	}

	/**
	 * Adds namespaces in the order they are matched.
	 */
	public static final class Builder {

		private final ChannelSettings global;

		private final List<Namespace> namespaces = new ArrayList<>();

		private Builder(ChannelSettings global) {
			this.global = global;
		}

		/**
		 * The global settings, for a namespace to start from.
		 * @return the global settings
		 */
		public ChannelSettings global() {
			return this.global;
		}

		/**
		 * Adds a namespace after the others.
		 * @param pattern its pattern
		 * @param settings its settings
		 * @return this builder
		 * @throws IllegalArgumentException saying what is wrong with the pattern
		 */
		public Builder add(String pattern, ChannelSettings settings) {
			this.namespaces.add(new Namespace(ChannelPattern.parse(pattern), settings));
			return this;
		}

		/**
		 * The namespaces.
		 * @return the namespaces
		 */
		public Namespaces build() {
			return new Namespaces(List.copyOf(this.namespaces), this.global);
		}

	}

}
