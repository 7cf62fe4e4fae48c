package dev.sockets.webhook;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.sockets.presence.ConnectionIndex;
import dev.sockets.presence.PresenceStore;

/**
 * Internal: whether a delayed removal is still true when its delay ends: the channel
 * still has no subscriber, the member is still gone, across the cluster. The return may
 * have come through another node, whose occupied or added event nothing here could
 * cancel.
 */
@FunctionalInterface
public interface StillGone {

	/**
	 * Every removal counts as still true: for a store of one node, nothing else knows.
	 */
	StillGone ALWAYS = (event) -> CompletableFuture.completedFuture(true);

	/**
	 * Asks the store.
	 * @param event a {@code channel_vacated} or {@code member_removed}
	 * @return whether it is still true
	 */
	CompletionStage<Boolean> check(WebhookEvent event);

	/**
	 * The check against the cluster's presence store.
	 * @param index counts each channel's subscribers
	 * @param store holds each presence channel's members
	 * @return the check
	 */
	static StillGone of(ConnectionIndex index, PresenceStore store) {
		return (event) -> {
			if (event.userId() == null) {
				return index.subscriberCount(event.channel()).thenApply((count) -> count == 0);
			}
			return store.members(event.channel())
				.thenApply((members) -> members.stream().noneMatch((member) -> member.userId().equals(event.userId())));
		};
	}

}
