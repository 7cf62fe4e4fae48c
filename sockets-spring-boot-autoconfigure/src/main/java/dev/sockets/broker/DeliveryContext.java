package dev.sockets.broker;

import io.micrometer.observation.transport.ReceiverContext;

/**
 * The context of a {@link SocketsObservation#DELIVERY} observation: the publication,
 * whose headers carry the broadcast's trace.
 */
public final class DeliveryContext extends ReceiverContext<Publication> {

	private int subscribers;

	/**
	 * Creates the context of a publication's delivery.
	 * @param publication the publication
	 */
	public DeliveryContext(Publication publication) {
		super((carrier, key) -> carrier.headers().get(key));
		setCarrier(publication);
	}

	/**
	 * The channel delivered to.
	 * @return its name
	 */
	public String channel() {
		Publication publication = getCarrier();
		return (publication != null) ? publication.channel() : "";
	}

	/**
	 * How many of the node's subscribers the publication was queued to.
	 * @return the count
	 */
	public int subscribers() {
		return this.subscribers;
	}

	/**
	 * Records how many subscribers the publication was queued to.
	 * @param subscribers the count
	 */
	public void subscribers(int subscribers) {
		this.subscribers = subscribers;
	}

}
