package dev.sockets.webhook;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Internal: where a webhook request that failed waits for its retries outside the node,
 * so that another node (or this one, restarted) sends it if this one stops. Calls never
 * block.
 */
public interface WebhookJournal {

	/** Keeps nothing: retries live and die with their node. */
	WebhookJournal NONE = new WebhookJournal() {

		@Override
		public void keep(KeptBatch batch) {
		}

		@Override
		public void forget(KeptBatch batch) {
		}

		@Override
		public CompletionStage<List<KeptBatch>> adoptOrphans() {
			return CompletableFuture.completedFuture(List.of());
		}

	};

	/**
	 * Keeps a request that failed until it is {@linkplain #forget forgotten}.
	 * @param batch the request
	 */
	void keep(KeptBatch batch);

	/**
	 * Forgets a kept request: delivered, or given up.
	 * @param batch the request
	 */
	void forget(KeptBatch batch);

	/**
	 * Takes over the kept requests of nodes that stopped, for this node to send.
	 * @return the requests adopted, now this node's
	 */
	CompletionStage<List<KeptBatch>> adoptOrphans();

	/**
	 * A request kept for its retries.
	 *
	 * @param webhook the webhook's key: a digest of its URL, so a request reaches the
	 * same URL whatever the order of {@code sockets.webhooks} after a deploy
	 * @param id the request's id, unique
	 * @param createdAt when it was first made, ms since the epoch (its retries end
	 * {@code retry-for} later)
	 * @param body its exact body
	 */
	record KeptBatch(String webhook, String id, long createdAt, byte[] body) {

	}

}
