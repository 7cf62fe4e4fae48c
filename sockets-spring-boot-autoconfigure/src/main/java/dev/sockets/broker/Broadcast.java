package dev.sockets.broker;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.sockets.protocol.Events;
import dev.sockets.protocol.Frame;
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

	private final Consumer<Publication> publisher;

	private final Function<Object, String> serializer;

	Broadcast(List<String> channels, @Nullable String exceptSocketId, Consumer<Publication> publisher,
			Function<Object, String> serializer) {
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
	 * application's JSON mapper.
	 * @param event the event name
	 * @param payload any object the mapper can write, or {@code null}
	 */
	public void emit(String event, @Nullable Object payload) {
		emitRaw(event, this.serializer.apply(payload));
	}

	/**
	 * Sends an event whose data string is delivered exactly as given, typically JSON the
	 * caller already encoded.
	 * @param event the event name
	 * @param data the data string
	 * @throws IllegalArgumentException if the event name is empty, too long or reserved
	 * for the protocol
	 */
	public void emitRaw(String event, String data) {
		requireValidEvent(event);
		for (String channel : this.channels) {
			Frame frame = Frames.event(event, channel, data);
			this.publisher.accept(new Publication(channel, frame, this.exceptSocketId));
		}
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
