package dev.sockets.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server the app sends its webhooks to: keeps each request's headers (named
 * in lower case, as Node hands them to the {@code pusher} SDK) and its exact body, and
 * answers 200.
 */
final class WebhookCapture implements AutoCloseable {

	private final HttpServer server;

	private final List<Map<String, Object>> requests = new CopyOnWriteArrayList<>();

	private WebhookCapture(HttpServer server) {
		this.server = server;
	}

	static WebhookCapture start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			WebhookCapture capture = new WebhookCapture(server);
			server.createContext("/webhooks", (exchange) -> {
				try (InputStream in = exchange.getRequestBody()) {
					Map<String, String> headers = new LinkedHashMap<>();
					exchange.getRequestHeaders()
						.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
					capture.requests
						.add(Map.of("headers", headers, "body", new String(in.readAllBytes(), StandardCharsets.UTF_8)));
				}
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			server.start();
			return capture;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/webhooks";
	}

	List<Map<String, Object>> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
