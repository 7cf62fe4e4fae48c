package dev.sockets.broker;

/**
 * A broadcast the broker could not take: it is over its limit of publications in flight,
 * or Redis did not acknowledge the publication in time. Every node is then not known to
 * have received it. A refusal for overload happens before anything is delivered, so the
 * caller may retry; a publication Redis did not acknowledge in time may have reached some
 * subscribers. Refusals are counted ({@code sockets.broker.publications.refused}).
 */
public class BroadcastRefusedException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what was refused and why
	 * @param cause the broker's error, or {@code null}
	 */
	public BroadcastRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Creates the exception.
	 * @param message what was refused and why
	 */
	public BroadcastRefusedException(String message) {
		super(message);
	}

}
