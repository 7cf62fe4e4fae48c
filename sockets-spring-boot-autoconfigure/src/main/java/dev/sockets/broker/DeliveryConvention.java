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
		return "deliver " + SocketsObservation.LowCardinalityKeys.channelType(context.channel());
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(DeliveryContext context) {
		return KeyValues.of(SocketsObservation.LowCardinalityKeys.CHANNEL_TYPE
			.withValue(SocketsObservation.LowCardinalityKeys.channelType(context.channel())));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(DeliveryContext context) {
		return KeyValues.of(SocketsObservation.HighCardinalityKeys.CHANNEL.withValue(context.channel()),
				SocketsObservation.HighCardinalityKeys.SUBSCRIBERS.withValue(Integer.toString(context.subscribers())));
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof DeliveryContext;
	}

}
