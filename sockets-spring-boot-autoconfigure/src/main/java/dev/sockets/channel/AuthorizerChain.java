package dev.sockets.channel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The authorizers in pipeline order: by their order value, then by when they were found,
 * so equal orders keep a stable sequence. Read without locks; beans created late (lazy
 * ones) are added by copying.
 */
final class AuthorizerChain {

	private volatile List<Ordered> steps = List.of();

	synchronized void add(AuthorizerStep step, int order) {
		List<Ordered> copy = new ArrayList<>(this.steps);
		copy.add(new Ordered(step, order, copy.size()));
		copy.sort(Comparator.comparingInt(Ordered::order).thenComparingInt(Ordered::sequence));
		this.steps = List.copyOf(copy);
	}

	/**
	 * The steps whose patterns match a channel, in order.
	 * @param channel the channel
	 * @return the matching steps, possibly none
	 */
	List<AuthorizerStep> matching(String channel) {
		List<AuthorizerStep> matching = null;
		for (Ordered ordered : this.steps) {
			if (ordered.step().matches(channel)) {
				if (matching == null) {
					matching = new ArrayList<>(2);
				}
				matching.add(ordered.step());
			}
		}
		return (matching != null) ? matching : List.of();
	}

	/**
	 * Every step, in order.
	 * @return the steps
	 */
	List<AuthorizerStep> all() {
		return this.steps.stream().map(Ordered::step).toList();
	}

	private record Ordered(AuthorizerStep step, int order, int sequence) {

	}

}
