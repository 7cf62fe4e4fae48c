package dev.sockets.broker;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The names and keys of {@link SocketsObservation#DELIVERY} observations.
 */
public class DeliveryConvention implements ObservationConvention<DeliveryContext> {

	@Override
	public String getName() {
		return "sockets.delivery";
	}

	@Override
	public String getContextualName(DeliveryContext context) {
		return ChannelKeys.contextualName("deliver", context.channel());
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(DeliveryContext context) {
		return ChannelKeys.lowCardinality(context.channel());
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(DeliveryContext context) {
		return ChannelKeys.highCardinality(context.channel())
			.and(SocketsObservation.HighCardinalityKeys.SUBSCRIBERS.withValue(Integer.toString(context.subscribers())));
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof DeliveryContext;
	}

}
