package dev.sockets.server;

import java.util.concurrent.atomic.LongAdder;

import dev.sockets.broker.Broker;
import dev.sockets.broker.BrokerListener;
import dev.sockets.broker.DeliveryContext;
import dev.sockets.broker.DeliveryConvention;
import dev.sockets.broker.Publication;
import dev.sockets.broker.StreamPosition;
import dev.sockets.connection.RecordedFrame;
import dev.sockets.protocol.Frames;
import dev.sockets.broker.SocketsObservation;
import dev.sockets.channel.ChannelSubscriptions;
import dev.sockets.connection.Connection;
import dev.sockets.connection.ConnectionRegistry;
import dev.sockets.presence.ClusterControl;
import dev.sockets.protocol.ChannelType;
import dev.sockets.protocol.Events;
import dev.sockets.protocol.Frame;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.InitializingBean;

/**
 * Internal: writes the publications the broker delivers to this node's subscribers. Makes
 * each publication's frame once, iterates a lock-free view and only queues the frame, so
 * one slow subscriber never holds up the others.
 */
public final class LocalDelivery implements BrokerListener, InitializingBean {

	private static final DeliveryConvention DELIVERY = new DeliveryConvention();

	private static final String MEMBER_REMOVED_FRAME = "{\"event\":\"" + Events.MEMBER_REMOVED + "\"";

	private final ChannelSubscriptions subscriptions;

	private final ConnectionRegistry connections;

	private final Broker broker;

	private final ClusterControl control;

	private final LongAdder publications = new LongAdder();

	private final LongAdder deliveries = new LongAdder();

	private final ObservationRegistry observations;

	/**
	 * Creates the delivery.
	 * @param subscriptions this node's subscriptions
	 * @param connections this node's connections, to find the one to leave out
	 * @param broker the broker to listen to
	 * @param control receives the commands other nodes send
	 * @param observations where {@link SocketsObservation#DELIVERY} observations go
	 */
	public LocalDelivery(ChannelSubscriptions subscriptions, ConnectionRegistry connections, Broker broker,
			ClusterControl control, ObservationRegistry observations) {
		this.subscriptions = subscriptions;
		this.connections = connections;
		this.broker = broker;
		this.control = control;
		this.observations = observations;
	}

	@Override
	public void afterPropertiesSet() {
		this.broker.start(this);
		this.broker.subscribe(ClusterControl.CHANNEL);
	}

	@Override
	public void onPublication(Publication publication) {
		if (publication.channel().equals(ClusterControl.CHANNEL)) {
			this.control.receive(publication.message());
			return;
		}
		Observation observation = SocketsObservation.DELIVERY.start(null, DELIVERY,
				() -> new DeliveryContext(publication), this.observations);
		if (observation.isNoop()) {
			deliver(publication);
			return;
		}
		try (Observation.Scope scope = observation.openScope()) {
			((DeliveryContext) observation.getContext()).subscribers(deliver(publication));
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	// queues the frame to each subscriber; the writes follow on the connections' own
	// threads, measured by the delivery latency
	private int deliver(Publication publication) {
		// one frame for every subscriber, made here rather than by the publisher so that
		// the broker carries plain text; its creation time starts the delivery latency
		Frame frame = Frame.of(publication.message());
		String exceptId = publication.exceptSocketId();
		// resolved once, so the loop compares references instead of id strings (null when
		// it is on another node)
		Connection except = (exceptId != null) ? this.connections.get(exceptId) : null;
		String departed = departedUser(publication);
		StreamPosition position = publication.position();
		int delivered = (position != null) ? deliverRecorded(publication.channel(), frame, position, except)
				: deliver(publication.channel(), frame, except, departed);
		// counted once per publication, not per delivery, to keep the loop lean
		this.publications.increment();
		this.deliveries.add(delivered);
		return delivered;
	}

	private int deliver(String channel, Frame frame, @Nullable Connection except, @Nullable String departed) {
		int delivered = 0;
		for (Connection connection : this.subscriptions.subscribers(channel)) {
			if (connection != except && !isMemberAs(connection, channel, departed) && connection.send(frame)) {
				delivered++;
			}
		}
		return delivered;
	}

	// each connection gets each recorded event once, in order, and the one left out gets
	// its position instead, so that recovering later does not replay it the event
	private int deliverRecorded(String channel, Frame frame, StreamPosition position, @Nullable Connection except) {
		RecordedFrame recorded = new RecordedFrame(frame, position.epoch(), position.offset());
		int delivered = 0;
		for (Connection connection : this.subscriptions.subscribers(channel)) {
			if (connection == except) {
				connection.sendRecorded(channel, new RecordedFrame(Frames.position(channel, position.toJson()),
						position.epoch(), position.offset()));
			}
			else if (connection.sendRecorded(channel, recorded)) {
				delivered++;
			}
		}
		return delivered;
	}

	// A member_removed about a user one of this node's connections is still a member as
	// is wrong for that connection at least: it comes from a node that swept this one
	// during a partition, and would leave the member's own list without itself for good.
	private static @Nullable String departedUser(Publication publication) {
		String text = publication.message();
		if (!text.startsWith(MEMBER_REMOVED_FRAME) || ChannelType.of(publication.channel()) != ChannelType.PRESENCE) {
			return null;
		}
		try {
			JsonNode data = JsonMapper.shared().readTree(JsonMapper.shared().readTree(text).path("data").asString());
			return data.path("user_id").asString(null);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static boolean isMemberAs(Connection connection, String channel, @Nullable String userId) {
		return userId != null && userId.equals(connection.presenceUser(channel));
	}

	/**
	 * Publications handed to this node for its subscribers.
	 * @return the count
	 */
	public long publicationCount() {
		return this.publications.sum();
	}

	/**
	 * Frames queued to this node's connections for publications.
	 * @return the count
	 */
	public long deliveryCount() {
		return this.deliveries.sum();
	}

}
