package dev.sockets.broker;

import java.util.Locale;

import dev.sockets.protocol.ChannelType;
import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of a broadcast's way from the application to the sockets, so a trace
 * shows where a slow delivery waited: {@code sockets.broadcast} from
 * {@code broadcaster.to(…).emit(…)} (or the HTTP API) until the broker took the event for
 * every node, and on each node that delivers it {@code sockets.delivery}, its fan-out to
 * the node's subscribers, a child of the broadcast (across nodes through the trace
 * headers the publication carries).
 */
public enum SocketsObservation implements ObservationDocumentation {

	/** A broadcast to one channel, until the broker took it. */
	BROADCAST {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return BroadcastConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeys.CHANNEL };
		}
	},

	/** A publication's fan-out to one node's subscribers. */
	DELIVERY {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DeliveryConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeys.values();
		}
	};

	/** Keys with a handful of values, fit for metrics. */
	public enum LowCardinalityKeys implements KeyName {

		/**
		 * {@code public}, {@code private}, {@code private_encrypted}, {@code presence},
		 * or {@code user} for a user's own channel.
		 */
		CHANNEL_TYPE {
			@Override
			public String asString() {
				return "sockets.channel.type";
			}
		};

		static String channelType(String channel) {
			return channel.startsWith("#server-to-user-") ? "user"
					: ChannelType.of(channel).name().toLowerCase(Locale.ROOT);
		}

	}

	/** Keys for traces only. */
	public enum HighCardinalityKeys implements KeyName {

		/** The channel's name. */
		CHANNEL {
			@Override
			public String asString() {
				return "sockets.channel";
			}
		},

		/** How many of the node's subscribers the publication was queued to. */
		SUBSCRIBERS {
			@Override
			public String asString() {
				return "sockets.subscribers";
			}
		}

	}

}
