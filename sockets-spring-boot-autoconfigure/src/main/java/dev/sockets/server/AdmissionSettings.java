package dev.sockets.server;

/**
 * Internal: who may connect, and how much each connection may send.
 *
 * @param maxConnections the most connections this node holds ({@link Integer#MAX_VALUE}
 * for no limit)
 * @param maxConnectionsPerUser the most connections one user holds, cluster-wide with a
 * shared store ({@link Integer#MAX_VALUE} for no limit)
 * @param messageRate messages a connection may send per second on average
 * @param messageBurst messages it may send at once above that rate
 * @param maxRefusedMessages messages in a row refused for the rate before the connection
 * is closed
 */
public record AdmissionSettings(int maxConnections, int maxConnectionsPerUser, int messageRate, int messageBurst,
		int maxRefusedMessages) {

	/** No limit on connections; the default message rate. */
	public static final AdmissionSettings DEFAULTS = new AdmissionSettings(Integer.MAX_VALUE, Integer.MAX_VALUE, 50,
			200, 100);

}
