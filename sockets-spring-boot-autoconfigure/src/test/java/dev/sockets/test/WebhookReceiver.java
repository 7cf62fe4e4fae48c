package dev.sockets.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server that receives webhooks: it keeps every request (path, headers, the
 * exact body bytes) and answers 200, or the statuses it was told to answer next.
 */
public final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

	private volatile Answer failing;

	private WebhookReceiver(HttpServer server) {
		this.server = server;
	}

	/**
	 * Starts a receiver on a free loopback port.
	 * @return the receiver
	 * @throws IOException if it cannot listen
	 */
	public static WebhookReceiver start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		WebhookReceiver receiver = new WebhookReceiver(server);
		server.createContext("/", (exchange) -> {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			int status = receiver.status(new String(body, StandardCharsets.UTF_8));
			receiver.requests.add(new Request(exchange.getRequestURI().getPath(),
					Map.copyOf(exchange.getRequestHeaders()), body, exchange.getRequestMethod(), status));
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
		return receiver;
	}

	/**
	 * The URL of a path on this receiver.
	 * @param path the path, with its leading slash
	 * @return the URL
	 */
	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/**
	 * Answers the next request whose body contains a text with a status, once; every
	 * other request gets 200.
	 * @param containing the text
	 * @param status the status
	 */
	public void answerOnce(String containing, int status) {
		this.answers.add(new Answer(containing, status));
	}

	/**
	 * Answers every request whose body contains a text with a status, until
	 * {@link #stopFailing()}.
	 * @param containing the text
	 * @param status the status
	 */
	public void failAll(String containing, int status) {
		this.failing = new Answer(containing, status);
	}

	/**
	 * Ends {@link #failAll}.
	 */
	public void stopFailing() {
		this.failing = null;
	}

	private int status(String body) {
		Answer failing = this.failing;
		if (failing != null && body.contains(failing.containing())) {
			return failing.status();
		}
		for (Answer answer : this.answers) {
			if (body.contains(answer.containing()) && this.answers.remove(answer)) {
				return answer.status();
			}
		}
		return 200;
	}

	private record Answer(String containing, int status) {

	}

	/**
	 * Every request so far.
	 * @return the requests, in arrival order
	 */
	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * The events received on a path that match, once at least {@code count} have come.
	 * @param path the path
	 * @param count how many to wait for
	 * @param wait how long
	 * @param which which events count
	 * @return the matching events, in arrival order
	 * @throws InterruptedException if interrupted
	 */
	public List<JsonNode> awaitEvents(String path, int count, Duration wait, Predicate<JsonNode> which)
			throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		List<JsonNode> found = events(path, which);
		while (found.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(20);
			found = events(path, which);
		}
		if (found.size() < count) {
			throw new AssertionError("Only " + found.size() + " of " + count + " events on " + path + " within " + wait
					+ "; received " + this.requests);
		}
		return found;
	}

	/**
	 * The events received on a path so far that match.
	 * @param path the path
	 * @param which which events count
	 * @return the events
	 */
	public List<JsonNode> events(String path, Predicate<JsonNode> which) {
		List<JsonNode> events = new ArrayList<>();
		for (Request request : this.requests) {
			if (request.path().equals(path)) {
				request.json().get("events").forEach((event) -> {
					if (which.test(event)) {
						events.add(event);
					}
				});
			}
		}
		return events;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A received request.
	 *
	 * @param path its path
	 * @param headers its headers, as the JDK's server names them
	 * @param body its exact body
	 * @param method its method
	 * @param status the status it was answered with
	 */
	public record Request(String path, Map<String, List<String>> headers, byte[] body, String method, int status) {

		public JsonNode json() {
			return JsonMapper.shared().readTree(this.body);
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		@Override
		public String toString() {
			return this.path + " " + new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
