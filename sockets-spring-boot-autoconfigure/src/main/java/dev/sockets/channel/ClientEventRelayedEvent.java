package dev.sockets.channel;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * A client event was relayed to the other subscribers of its channel. Published on the
 * node that received it, on the sender's lane; keep listeners quick or make them
 * {@code @Async}.
 */
public class ClientEventRelayedEvent extends ApplicationEvent {

	private final String channel;

	private final String event;

	private final String data;

	private final String socketId;

	private final @Nullable String userId;

	/**
	 * Creates the event.
	 * @param source the publisher
	 * @param channel the channel
	 * @param event the client event's name ({@code client-…})
	 * @param data its data, as relayed (a string)
	 * @param socketId the sender's socket id
	 * @param userId the sender's member id on a presence channel, else {@code null}
	 */
	public ClientEventRelayedEvent(Object source, String channel, String event, String data, String socketId,
			@Nullable String userId) {
		super(source);
		this.channel = channel;
		this.event = event;
		this.data = data;
		this.socketId = socketId;
		this.userId = userId;
	}

	public String getChannel() {
		return this.channel;
	}

	public String getEvent() {
		return this.event;
	}

	public String getData() {
		return this.data;
	}

	public String getSocketId() {
		return this.socketId;
	}

	public @Nullable String getUserId() {
		return this.userId;
	}

}
