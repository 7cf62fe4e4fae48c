package dev.sockets.benchmarks.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the results file into the bar charts of docs/performance.md, using the latest
 * result of each scenario and target; plain Java2D, so making them needs nothing beyond
 * the JDK.
 */
public final class Plots {

	private static final Color[] COLORS = { new Color(0x9aa5b1), new Color(0x3b6ee8), new Color(0x2f9e6a),
			new Color(0xe8913b) };

	private Plots() {
	}

	public static void main(String[] args) throws IOException {
		Map<String, JsonNode> latest = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of(args[0]))) {
			if (!line.isBlank()) {
				JsonNode result = JsonMapper.shared().readTree(line);
				latest.put(result.get("scenario").stringValue() + "/" + result.get("target").stringValue(), result);
			}
		}
		Path docs = Path.of(args[1]);
		List<String> fanOuts = latest.keySet()
			.stream()
			.filter((k) -> k.startsWith("fanout-"))
			.map((k) -> k.substring(0, k.indexOf('/')))
			.distinct()
			.toList();
		List<String> targets = List.of("raw", "sockets", "sockets-netty", "ws", "socketio");
		chart(docs.resolve("performance-fanout.png"), "Fan-out: deliveries per second (higher is better)",
				"deliveries/s", fanOuts, List.of("raw steady", "sockets steady", "raw burst", "sockets burst"),
				(group, series) -> value(latest, group, series.split(" ")[0],
						series.endsWith("burst") ? "burstDeliveriesPerSecond" : "deliveriesPerSecond"));
		chart(docs.resolve("performance-latency.png"), "Fan-out: publish-to-receive latency (lower is better)", "ms",
				fanOuts, List.of("raw p50", "sockets p50", "raw p99", "sockets p99"), (group, series) -> value(latest,
						group, series.split(" ")[0], series.endsWith("p50") ? "latencyP50Ms" : "latencyP99Ms"));
		List<String> idles = latest.keySet()
			.stream()
			.filter((k) -> k.startsWith("idle-"))
			.map((k) -> k.substring(0, k.indexOf('/')))
			.distinct()
			.toList();
		chart(docs.resolve("performance-idle.png"), "Idle connections: server memory per connection", "KiB", idles,
				List.of("heap", "RSS"), (group, series) -> value(latest, group, "sockets",
						series.equals("heap") ? "heapBytesPerConnection" : "rssBytesPerConnection") / 1024);
		// the transports beside the reference servers, each from its latest run
		List<String> contenders = List.of("sockets", "sockets-netty", "ws", "socketio");
		chart(docs.resolve("performance-transports-idle.png"),
				"10,000 idle connections: heap per connection (lower is better)", "KiB", contenders,
				List.of("heap per connection"),
				(group, series) -> value(latest, "idle-10000", group, "heapBytesPerConnection") / 1024);
		chart(docs.resolve("performance-transports-fanout.png"),
				"Fan-out to 1,000: server CPU per delivery (lower is better)", "µs", contenders,
				List.of("CPU per delivery"),
				(group, series) -> value(latest, "fanout-1000", group, "serverCpuMicrosPerDelivery"));
		chart(docs.resolve("performance-transports-cluster.png"), "Two nodes through Redis: latency (lower is better)",
				"ms", contenders, List.of("p50", "p99"), (group, series) -> value(latest, "cluster-1000", group,
						series.equals("p50") ? "latencyP50Ms" : "latencyP99Ms"));
		System.out.println("wrote " + docs.resolve("performance-*.png") + " from " + latest.size() + " results ("
				+ String.join(", ", targets) + ")");
	}

	private static double value(Map<String, JsonNode> latest, String scenario, String target, String field) {
		JsonNode result = latest.get(scenario + "/" + target);
		return (result != null && result.has(field)) ? result.get(field).doubleValue() : 0;
	}

	private static void chart(Path file, String title, String unit, List<String> groups, List<String> series,
			Value value) throws IOException {
		int width = 900;
		int height = 480;
		int left = 90;
		int bottom = 70;
		int top = 60;
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, width, height);
		g.setColor(Color.DARK_GRAY);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
		g.drawString(title, left, 32);
		List<double[]> values = new ArrayList<>();
		double max = 0;
		for (String group : groups) {
			double[] row = new double[series.size()];
			for (int i = 0; i < series.size(); i++) {
				row[i] = value.of(group, series.get(i));
				max = Math.max(max, row[i]);
			}
			values.add(row);
		}
		max = niceCeiling(max);
		int plotHeight = height - top - bottom;
		int plotWidth = width - left - 30;
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		for (int tick = 0; tick <= 5; tick++) {
			int y = top + plotHeight - plotHeight * tick / 5;
			g.setColor(new Color(0xe5e7eb));
			g.drawLine(left, y, left + plotWidth, y);
			g.setColor(Color.DARK_GRAY);
			g.drawString(format(max * tick / 5), 10, y + 4);
		}
		g.drawString(unit, 10, top - 10);
		int groupWidth = plotWidth / Math.max(1, groups.size());
		int barWidth = Math.max(8, (groupWidth - 40) / Math.max(1, series.size()));
		for (int gi = 0; gi < groups.size(); gi++) {
			int x0 = left + gi * groupWidth + 20;
			for (int si = 0; si < series.size(); si++) {
				double v = values.get(gi)[si];
				int h = (max > 0) ? (int) (plotHeight * v / max) : 0;
				g.setColor(COLORS[si % COLORS.length]);
				g.fillRect(x0 + si * barWidth, top + plotHeight - h, barWidth - 4, h);
				g.setColor(Color.DARK_GRAY);
				g.drawString(format(v), x0 + si * barWidth, top + plotHeight - h - 4);
			}
			g.drawString(groups.get(gi), x0, top + plotHeight + 20);
		}
		g.setStroke(new BasicStroke(1));
		for (int si = 0; si < series.size(); si++) {
			int x = left + si * 170;
			g.setColor(COLORS[si % COLORS.length]);
			g.fillRect(x, height - 30, 14, 14);
			g.setColor(Color.DARK_GRAY);
			g.drawString(series.get(si), x + 20, height - 19);
		}
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	private static double niceCeiling(double max) {
		if (max <= 0) {
			return 1;
		}
		double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * magnitude >= max) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

	private static String format(double v) {
		if (v >= 10_000) {
			return String.format("%.0fk", v / 1000);
		}
		return (v >= 100) ? String.format("%.0f", v) : String.format("%.1f", v);
	}

	@FunctionalInterface
	private interface Value {

		double of(String group, String series);

	}

}
