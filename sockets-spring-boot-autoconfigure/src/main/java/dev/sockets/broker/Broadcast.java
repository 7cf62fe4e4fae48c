package dev.sockets.broker;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.sockets.protocol.Events;
import dev.sockets.protocol.Frames;
import org.jspecify.annotations.Nullable;

/**
 * A broadcast about to be sent: its channels, and optionally a socket id to leave out.
 * Immutable; {@link #except(String)} returns a new instance.
 */
public final class Broadcast {

	private static final Pattern SOCKET_ID = Pattern.compile("\\d+\\.\\d+");

	private final List<String> channels;

	private final @Nullable String exceptSocketId;

	private final Function<Publication, CompletionStage<Void>> publisher;

	private final Function<Object, String> serializer;

	Broadcast(List<String> channels, @Nullable String exceptSocketId,
			Function<Publication, CompletionStage<Void>> publisher, Function<Object, String> serializer) {
		this.channels = channels;
		this.exceptSocketId = exceptSocketId;
		this.publisher = publisher;
		this.serializer = serializer;
	}

	/**
	 * Leaves one connection out, usually the one whose action caused the event (Laravel's
	 * {@code toOthers()}).
	 * @param socketId the socket id to skip, or {@code null} for none
	 * @return a broadcast that skips it
	 * @throws IllegalArgumentException if the id does not look like a socket id
	 * ({@code 123.456})
	 */
	public Broadcast except(@Nullable String socketId) {
		if (socketId != null && !SOCKET_ID.matcher(socketId).matches()) {
			throw new IllegalArgumentException("Not a socket id: '" + socketId + "'");
		}
		return new Broadcast(this.channels, socketId, this.publisher, this.serializer);
	}

	/**
	 * Sends an event whose data is {@code payload} serialized to JSON with the
	 * application's JSON mapper. Returns without waiting for the network.
	 * @param event the event name
	 * @param payload any object the mapper can write, or {@code null}
	 * @return completes once every node will receive the event, or exceptionally with a
	 * {@link BroadcastRefusedException} when the broker could not take it (see
	 * {@link #emitRaw})
	 */
	public CompletableFuture<Void> emit(String event, @Nullable Object payload) {
		return emitRaw(event, this.serializer.apply(payload));
	}

	/**
	 * Sends an event whose data string is delivered exactly as given, typically JSON the
	 * caller already encoded. Returns without waiting for the network: on one node the
	 * event is delivered before this returns; in a cluster the returned future completes
	 * once Redis acknowledged the publication to every channel, so every node will
	 * receive it (during a Redis outage, when delivery is local only, at once). When the
	 * node cannot keep up (too many publications waiting for Redis, or Redis did not
	 * answer within {@code sockets.redis.max-publish-delay}) it completes exceptionally
	 * with a {@link BroadcastRefusedException}; nothing is dropped silently.
	 * @param event the event name
	 * @param data the data string
	 * @return completes once every node will receive the event
	 * @throws IllegalArgumentException if the event name is empty, too long or reserved
	 * for the protocol
	 */
	public CompletableFuture<Void> emitRaw(String event, String data) {
		requireValidEvent(event);
		if (this.channels.size() == 1) {
			return publish(event, this.channels.get(0), data).toCompletableFuture();
		}
		CompletableFuture<?>[] published = new CompletableFuture<?>[this.channels.size()];
		for (int i = 0; i < published.length; i++) {
			published[i] = publish(event, this.channels.get(i), data).toCompletableFuture();
		}
		return CompletableFuture.allOf(published);
	}

	private CompletionStage<Void> publish(String event, String channel, String data) {
		String message = Frames.eventText(event, channel, data);
		return this.publisher.apply(new Publication(channel, message, this.exceptSocketId));
	}

	/**
	 * The channels this broadcast goes to.
	 * @return the channel names
	 */
	public List<String> channels() {
		return this.channels;
	}

	static void requireValidEvent(String event) {
		if (event.isEmpty() || event.length() > Events.MAX_NAME_LENGTH) {
			throw new IllegalArgumentException(
					"Event name must be 1 to " + Events.MAX_NAME_LENGTH + " characters long: '" + event + "'");
		}
		if (Events.isReserved(event)) {
			throw new IllegalArgumentException(
					"Event names starting with 'pusher:' or 'pusher_internal:' are reserved: '" + event + "'");
		}
	}

}
