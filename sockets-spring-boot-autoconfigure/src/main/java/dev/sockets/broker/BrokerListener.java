package dev.sockets.broker;

/**
 * Receives the publications a {@link Broker} delivers to this node, and writes them to
 * local subscribers.
 */
@FunctionalInterface
public interface BrokerListener {

	/**
	 * A publication arrived for a channel this node has subscribers for.
	 * @param publication the publication
	 */
	void onPublication(Publication publication);

}
