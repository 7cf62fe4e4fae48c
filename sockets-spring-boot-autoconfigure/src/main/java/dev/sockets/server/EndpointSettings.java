package dev.sockets.server;

import java.time.Duration;

import dev.sockets.channel.Namespaces;

import dev.sockets.connection.OutboundLimits;

/**
 * Internal: what the WebSocket endpoint needs to know about the app and its limits.
 *
 * @param appKey the app key clients connect with
 * @param activityTimeout how long a silent connection waits before pinging, sent to
 * clients; also the server's own
 * @param pongTimeout how long a pinged connection has to answer before it is closed
 * @param maxMessageSize the largest client message accepted, in bytes
 * @param maxChannels the most channels one connection may subscribe to
 * @param outbound limits of each connection's outbound queue
 * @param inlineAuthorization whether a private channel subscribed without a signature is
 * authorized by the pipeline with the connection's principal
 * @param namespaces the settings of each channel: client events among them
 * @param admission who may connect, and how much each connection may send
 */
public record EndpointSettings(String appKey, Duration activityTimeout, Duration pongTimeout, int maxMessageSize,
		int maxChannels, OutboundLimits outbound, boolean inlineAuthorization, Namespaces namespaces,
		AdmissionSettings admission) {

}
