package dev.sockets.webhook;

import java.net.URI;

/**
 * Internal: what one webhook has done so far.
 *
 * @param url where it sends
 * @param waiting events waiting to be sent, or on their way
 * @param sent events delivered (a 2xx answer)
 * @param failedAttempts requests that failed and were retried or given up
 * @param dropped events never delivered: over the queue's bound, or still failing when
 * their retry time ran out
 */
public record WebhookStatus(URI url, int waiting, long sent, long failedAttempts, long dropped) {

	/**
	 * The URL without what may be a secret (user info, query), for health and metrics.
	 * @return scheme, host, port and path
	 */
	public String shownUrl() {
		return this.url.getScheme() + "://" + this.url.getHost()
				+ ((this.url.getPort() != -1) ? ":" + this.url.getPort() : "")
				+ ((this.url.getRawPath() != null) ? this.url.getRawPath() : "");
	}

}
