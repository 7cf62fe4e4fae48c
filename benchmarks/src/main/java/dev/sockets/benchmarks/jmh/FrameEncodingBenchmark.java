package dev.sockets.benchmarks.jmh;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.sockets.protocol.Frame;
import dev.sockets.protocol.Frames;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encoding one channel event with {@link Frames#event}, which every broadcast does once
 * before fan-out, against Jackson writing the same three fields, and the UTF-8 size count
 * that {@link Frame#of} adds to it. The data is a string holding JSON, so its quotes are
 * escaped again (Pusher's double encoding): {@code json} is that usual case,
 * {@code plain} has nothing to escape, and {@code unicode} adds non-ASCII text. The size
 * is in chars.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class FrameEncodingBenchmark {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	@Param({ "100", "10240" })
	private int size;

	@Param({ "plain", "json", "unicode" })
	private String shape = "json";

	// not final, so the JIT cannot fold them into constants
	private String event = "order.shipped";

	private String channel = "private-orders.4521";

	private String data = "";

	private String encoded = "";

	@Setup
	public void setUp() {
		this.data = data(this.shape, this.size);
		this.encoded = Frames.event(this.event, this.channel, this.data).text();
		Map<?, ?> hand = MAPPER.readValue(this.encoded, Map.class);
		Map<?, ?> jackson = MAPPER.readValue(jackson(), Map.class);
		if (!hand.equals(jackson) || !this.data.equals(hand.get("data"))) {
			throw new IllegalStateException("The encoders disagree: " + this.encoded);
		}
	}

	@Benchmark
	public Frame handEncoder() {
		return Frames.event(this.event, this.channel, this.data);
	}

	@Benchmark
	public String jackson() {
		return MAPPER.writeValueAsString(Map.of("event", this.event, "channel", this.channel, "data", this.data));
	}

	@Benchmark
	public int utf8Length() {
		return Frame.utf8Length(this.encoded);
	}

	// an array of small objects, like a typical event payload, padded with spaces to size
	private static String data(String shape, int size) {
		StringBuilder out = new StringBuilder(size);
		if (shape.equals("plain")) {
			while (out.length() < size) {
				out.append("lorem ipsum dolor sit amet ");
			}
			out.setLength(size);
			return out.toString();
		}
		String text = shape.equals("unicode") ? "Grüße aus München, 世界 🙂" : "Your order has shipped";
		out.append('[');
		for (int id = 0;; id++) {
			String item = ((id > 0) ? "," : "") + "{\"id\":" + id + ",\"user\":\"alice\",\"text\":\"" + text + "\"}";
			if (out.length() + item.length() >= size) {
				break;
			}
			out.append(item);
		}
		while (out.length() < size - 1) {
			out.append(' ');
		}
		return out.append(']').toString();
	}

}
