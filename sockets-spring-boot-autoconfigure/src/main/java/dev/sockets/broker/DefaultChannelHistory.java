package dev.sockets.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Internal: the {@link ChannelHistory} that reads the {@link Broker}'s histories.
 */
public final class DefaultChannelHistory implements ChannelHistory {

	private final Broker broker;

	private final Function<String, @Nullable Retention> histories;

	private final Executor executor;

	/**
	 * Creates the reader.
	 * @param broker keeps the histories
	 * @param histories the history a channel keeps, or {@code null} for none
	 * @param executor where reads complete: not on the broker's I/O thread, which the
	 * events' parsing and the caller's own stages would hold up
	 */
	public DefaultChannelHistory(Broker broker, Function<String, @Nullable Retention> histories, Executor executor) {
		this.broker = broker;
		this.histories = histories;
		this.executor = executor;
	}

	@Override
	public boolean keepsHistory(String channel) {
		return this.histories.apply(channel) != null;
	}

	@Override
	public CompletableFuture<Recent> recent(String channel, int limit) {
		Retention retention = this.histories.apply(channel);
		if (retention == null) {
			throw new IllegalArgumentException("Channel " + channel
					+ " keeps no history: no namespace with a history.size in sockets.namespaces matches it");
		}
		if (limit < 1) {
			throw new IllegalArgumentException("A limit is 1 or more, not " + limit);
		}
		return this.broker.history(channel, -1, Math.min(limit, retention.size()), retention)
			.toCompletableFuture()
			.thenApplyAsync(DefaultChannelHistory::recent, this.executor);
	}

	private static Recent recent(History history) {
		List<Event> events = new ArrayList<>(history.publications().size());
		for (Publication publication : history.publications()) {
			StreamPosition position = publication.position();
			if (position != null) {
				JsonNode message = JsonMapper.shared().readTree(publication.message());
				JsonNode data = message.path("data");
				events.add(new Event(message.path("event").asString(),
						data.isString() ? data.stringValue() : data.toString(), position));
			}
		}
		return new Recent(history.head(), events);
	}

}
