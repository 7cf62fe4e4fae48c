package dev.sockets.channel;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.convert.ConversionService;
import org.springframework.validation.Validator;

/**
 * Internal: the {@link ClientEventHandler @ClientEventHandler} methods, found by
 * {@link AuthorizerDiscovery}, and the pool they run on, off the WebSocket threads.
 */
public final class ClientEventHandlers implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ClientEventHandlers.class);

	private final List<HandlerMethod> handlers = new CopyOnWriteArrayList<>();

	private final JsonMapper jsonMapper;

	private final ConversionService conversions;

	private final ObjectProvider<Validator> validator;

	private final AuthorizerThreads threads;

	/**
	 * Creates the registry.
	 * @param discovery finds the handlers
	 * @param jsonMapper binds payloads
	 * @param validator validates {@code @Valid} payloads, when Bean Validation is present
	 * @param threads threads handlers run on
	 * @param virtualThreads whether handlers run on virtual threads
	 */
	public ClientEventHandlers(AuthorizerDiscovery discovery, JsonMapper jsonMapper,
			ObjectProvider<Validator> validator, int threads, boolean virtualThreads) {
		this.jsonMapper = jsonMapper;
		this.conversions = discovery.conversionService();
		this.validator = validator;
		this.threads = new AuthorizerThreads(threads, 10_000, "handler", virtualThreads);
		discovery.handlers(this.handlers::add);
	}

	/**
	 * The handler of a client event.
	 * @param channel the channel
	 * @param event the event
	 * @return whether it relays too, or {@code null} when no handler handles it
	 */
	public @Nullable Handler find(String channel, String event) {
		for (HandlerMethod handler : this.handlers) {
			if (handler.matches(channel, event)) {
				return new Handler(handler);
			}
		}
		return null;
	}

	/**
	 * One handler, ready to run.
	 */
	public final class Handler {

		private final HandlerMethod method;

		Handler(HandlerMethod method) {
			this.method = method;
		}

		/**
		 * Whether the event is relayed to the others as well.
		 * @return the annotation's {@code relay}
		 */
		public boolean relay() {
			return this.method.relay();
		}

		/**
		 * Runs the handler on the pool.
		 * @param context the event
		 * @param data its data
		 * @return the outcome; fails with the handler's exception
		 */
		public CompletableFuture<HandlerOutcome> run(ClientEventContext context, @Nullable JsonNode data) {
			CompletableFuture<HandlerOutcome> outcome = new CompletableFuture<>();
			try {
				ClientEventHandlers.this.threads.submit(() -> {
					try {
						outcome.complete(this.method.invoke(context, data, ClientEventHandlers.this.jsonMapper,
								ClientEventHandlers.this.conversions,
								ClientEventHandlers.this.validator.getIfAvailable()));
					}
					catch (Exception ex) {
						logger.warn("Client event handler " + this.method.description() + " failed on "
								+ context.channel() + " for " + context.socketId(), ex);
						outcome.completeExceptionally(ex);
					}
				});
			}
			catch (RejectedExecutionException ex) {
				outcome.completeExceptionally(ex);
			}
			return outcome;
		}

	}

	@Override
	public void destroy() {
		this.threads.shutdown();
	}

}
