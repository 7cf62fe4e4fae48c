package dev.sockets.broker;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The names and keys of {@link SocketsObservation#BROADCAST} observations.
 */
public class BroadcastConvention implements ObservationConvention<BroadcastContext> {

	@Override
	public String getName() {
		return "sockets.broadcast";
	}

	@Override
	public String getContextualName(BroadcastContext context) {
		return ChannelKeys.contextualName("broadcast", context.channel());
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(BroadcastContext context) {
		return ChannelKeys.lowCardinality(context.channel());
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(BroadcastContext context) {
		return ChannelKeys.highCardinality(context.channel());
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof BroadcastContext;
	}

}
