package dev.sockets.test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * Records the observations a node stops, and propagates a made-up trace header the way a
 * tracer does: a sender gets {@code test-trace} in its carrier, a receiver reads it.
 */
public final class RecordingObservations implements ObservationHandler<Observation.Context> {

	/** The header a sender carries. */
	public static final String HEADER = "test-trace";

	private static final AtomicLong traces = new AtomicLong();

	private final List<Recorded> stopped = new CopyOnWriteArrayList<>();

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public void onStart(Observation.Context context) {
		if (context instanceof SenderContext sender && sender.getCarrier() != null) {
			String trace = "trace-" + traces.incrementAndGet();
			sender.getSetter().set(sender.getCarrier(), HEADER, trace);
			context.put(HEADER, trace);
		}
		else if (context instanceof ReceiverContext receiver && receiver.getCarrier() != null) {
			String trace = receiver.getGetter().get(receiver.getCarrier(), HEADER);
			if (trace != null) {
				context.put(HEADER, trace);
			}
		}
	}

	@Override
	public void onStop(Observation.Context context) {
		Observation.ContextView parent = context.getParentObservation() != null
				? context.getParentObservation().getContextView() : null;
		this.stopped.add(new Recorded(context.getName(), keyValues(context.getLowCardinalityKeyValues()),
				keyValues(context.getHighCardinalityKeyValues()), (parent != null) ? parent.getName() : null,
				context.get(HEADER), context.getError()));
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return true;
	}

	/**
	 * The observations stopped so far with a name.
	 * @param name the observation's name
	 * @return them, in the order they stopped
	 */
	public List<Recorded> named(String name) {
		return this.stopped.stream().filter((recorded) -> name.equals(recorded.name())).toList();
	}

	private static Map<String, String> keyValues(Iterable<KeyValue> keyValues) {
		Map<String, String> map = new java.util.TreeMap<>();
		keyValues.forEach((keyValue) -> map.put(keyValue.getKey(), keyValue.getValue()));
		return map;
	}

	/**
	 * A stopped observation.
	 *
	 * @param name its name
	 * @param lowCardinality its low-cardinality keys
	 * @param highCardinality its high-cardinality keys
	 * @param parent its parent's name, or {@code null}
	 * @param trace the propagated trace header, or {@code null}
	 * @param error what it failed with, or {@code null}
	 */
	public record Recorded(String name, Map<String, String> lowCardinality, Map<String, String> highCardinality,
			@Nullable String parent, @Nullable String trace, @Nullable Throwable error) {

	}

}
