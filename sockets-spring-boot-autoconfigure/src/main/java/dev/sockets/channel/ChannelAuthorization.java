package dev.sockets.channel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.sockets.protocol.ChannelType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * Internal: the authorizer pipeline, one for both doors (the authorization endpoint and
 * inline subscriptions). Authorizers run on a bounded thread pool so that a slow one
 * blocks neither a WebSocket nor a request thread, and each subscription has a deadline:
 * past it, or when an authorizer throws, the subscription is denied, logged and counted.
 * Subscriptions that no authorizer matches are decided at once, without a thread hop.
 */
public final class ChannelAuthorization implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ChannelAuthorization.class);

	// clients can cause these as often as they subscribe
	private final QuietLog busy = new QuietLog(logger, Duration.ofSeconds(10));

	private final QuietLog slow = new QuietLog(logger, Duration.ofSeconds(10));

	private final AuthorizerChain chain;

	private final AuthorizerThreads threads;

	private final Duration timeout;

	private final DecisionCache cache;

	private final AtomicLong granted = new AtomicLong();

	private final AtomicLong denied = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	/**
	 * Creates the pipeline.
	 * @param discovery the authorizers
	 * @param settings threads, deadline and cache time
	 */
	public ChannelAuthorization(AuthorizerDiscovery discovery, AuthorizationSettings settings) {
		this.chain = discovery.chain();
		this.threads = new AuthorizerThreads(settings.threads(), settings.queueCapacity(), "authorizer",
				settings.virtualThreads());
		this.timeout = settings.timeout();
		this.cache = new DecisionCache(settings.cacheTimeToLive());
	}

	/**
	 * Decides on a subscription.
	 * @param request the subscription
	 * @param cacheable whether the decision may be remembered for the connection: only
	 * for a connection on this node, which {@link #forget} when it closes
	 * @return the result; completes on an authorizer thread, or at once when no
	 * authorizer matches or the decision is cached
	 */
	public CompletableFuture<AuthorizationResult> authorize(SubscriptionRequest request, boolean cacheable) {
		AuthorizationResult cached = cacheable ? this.cache.get(request) : null;
		if (cached != null) {
			return CompletableFuture.completedFuture(cached);
		}
		List<AuthorizerStep> steps = this.chain.matching(request.channel());
		if (steps.isEmpty()) {
			return CompletableFuture.completedFuture(record(request, combine(request, steps), cacheable));
		}
		CompletableFuture<Outcome> result = new CompletableFuture<>();
		Future<?> task;
		try {
			task = this.threads.submit(() -> result.complete(combine(request, steps)));
		}
		catch (RejectedExecutionException ex) {
			this.busy.warn("Denied " + request.channel() + " for " + request.socketId()
					+ ": too many subscriptions waiting for an authorizer", null);
			return CompletableFuture.completedFuture(record(request,
					Outcome.failed(AuthorizationResult.unavailable("The server is busy; try again later")), false));
		}
		return result.orTimeout(this.timeout.toNanos(), TimeUnit.NANOSECONDS)
			.exceptionally((ex) -> timedOut(request, task, ex))
			.thenApply((outcome) -> record(request, outcome, cacheable));
	}

	/**
	 * Forgets the cached decisions of a connection, e.g. when it closes.
	 * @param socketId the connection's socket id
	 */
	public void forget(String socketId) {
		this.cache.forget(socketId);
	}

	/**
	 * Subscriptions granted so far.
	 * @return the count
	 */
	public long grantedCount() {
		return this.granted.get();
	}

	/**
	 * Subscriptions denied by an authorizer, or for want of a grant, so far.
	 * @return the count
	 */
	public long deniedCount() {
		return this.denied.get();
	}

	/**
	 * Subscriptions denied because an authorizer failed or was too slow, so far.
	 * @return the count
	 */
	public long failedCount() {
		return this.failed.get();
	}

	private Outcome timedOut(SubscriptionRequest request, Future<?> task, Throwable ex) {
		// interrupts an authorizer blocked on I/O; one that ignores it finishes unheard
		task.cancel(true);
		boolean late = ex instanceof TimeoutException;
		this.slow.warn(
				"Denied " + request.channel() + " for " + request.socketId() + ": "
						+ (late ? "the authorizers took longer than " + this.timeout : "authorization failed"),
				late ? null : ex);
		return Outcome.failed(AuthorizationResult.unavailable("Authorization timed out; try again later"));
	}

	// counts the outcome and caches it unless it was a failure, which may not repeat
	private AuthorizationResult record(SubscriptionRequest request, Outcome outcome, boolean cacheable) {
		AuthorizationResult result = outcome.result();
		if (outcome.failed()) {
			this.failed.incrementAndGet();
			return result;
		}
		(result.granted() ? this.granted : this.denied).incrementAndGet();
		if (cacheable) {
			this.cache.put(request, result);
		}
		return result;
	}

	private Outcome combine(SubscriptionRequest request, List<AuthorizerStep> steps) {
		boolean anyGrant = false;
		PresenceMember member = null;
		for (AuthorizerStep step : steps) {
			ChannelDecision decision = decide(step, request);
			if (decision == null) {
				return Outcome.failed(AuthorizationResult.deny(request, "Authorization failed"));
			}
			if (decision.verdict() == ChannelDecision.Verdict.DENY) {
				return Outcome.of(AuthorizationResult.deny(request,
						(decision.reason() != null) ? decision.reason() : refusal(request, " is denied")));
			}
			if (decision.verdict() == ChannelDecision.Verdict.GRANT) {
				anyGrant = true;
				member = (member != null) ? member : decision.member();
			}
		}
		ChannelType type = request.channelType();
		if (type.requiresAuthorization() && !anyGrant) {
			return Outcome.of(AuthorizationResult.deny(request, refusal(request, " is not granted by any authorizer")));
		}
		if (type == ChannelType.PRESENCE && member == null) {
			if (request.principal() == null) {
				return Outcome.of(AuthorizationResult.deny(request, "Presence channels need a signed-in user"));
			}
			member = PresenceMember.of(request.principal().getName());
		}
		return Outcome.of(AuthorizationResult.grant(member));
	}

	// an anonymous client is told what it can do about it
	private static String refusal(SubscriptionRequest request, String why) {
		return (request.principal() != null) ? "Access to " + request.channel() + why
				: "Sign in to subscribe to " + request.channel();
	}

	// null when the authorizer failed; an abstention otherwise stands for null
	private static @Nullable ChannelDecision decide(AuthorizerStep step, SubscriptionRequest request) {
		try {
			ChannelDecision decision = step.decide(request);
			return (decision != null) ? decision : ChannelDecision.abstain();
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			logger.warn("Authorizer " + step.description() + " failed on " + request.channel() + " for "
					+ request.socketId() + "; the subscription is denied", ex);
			return null;
		}
	}

	@Override
	public void destroy() {
		this.threads.shutdown();
	}

	private record Outcome(AuthorizationResult result, boolean failed) {

		static Outcome of(AuthorizationResult result) {
			return new Outcome(result, false);
		}

		static Outcome failed(AuthorizationResult result) {
			return new Outcome(result, true);
		}

	}

}
