package dev.sockets.server;

import dev.sockets.protocol.Frame;
import org.jspecify.annotations.Nullable;

/**
 * Joins the parts of one client message. The container hands over messages in small parts
 * so its per-connection buffers stay small; a message over the limit is discarded part by
 * part rather than buffered, and reported once it ends.
 */
final class MessageAssembler {

	private final int limit;

	private @Nullable StringBuilder pending;

	private long size;

	MessageAssembler(int limit) {
		this.limit = limit;
	}

	/**
	 * Adds a part.
	 * @param part the part's text
	 * @param last whether it ends the message
	 * @return the whole message once its last part arrived, {@code null} while parts are
	 * pending
	 * @throws MessageTooLargeException when a message over the limit ends
	 */
	@Nullable String append(String part, boolean last) {
		this.size += Frame.utf8Length(part);
		if (last && this.pending == null && this.size <= this.limit) {
			this.size = 0;
			// the common case: a whole message in one part, used without copying
			return part;
		}
		if (this.size <= this.limit) {
			if (this.pending == null) {
				this.pending = new StringBuilder(part.length() * 2);
			}
			this.pending.append(part);
		}
		else {
			this.pending = null;
		}
		if (!last) {
			return null;
		}
		long total = this.size;
		StringBuilder whole = this.pending;
		this.pending = null;
		this.size = 0;
		if (whole == null) {
			throw new MessageTooLargeException(total, this.limit);
		}
		return whole.toString();
	}

	/**
	 * A client message over the size limit.
	 */
	static final class MessageTooLargeException extends RuntimeException {

		MessageTooLargeException(long size, int limit) {
			super("Message of " + size + " bytes exceeds the limit of " + limit + " bytes", null, false, false);
		}

	}

}
