package dev.sockets.benchmarks.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Opens many connections from one process, spread round robin over a few
 * {@link ClientLoop} selector threads, with a bounded number of handshakes in flight.
 */
final class Clients implements AutoCloseable {

	private static final int IN_FLIGHT = 256;

	private final List<ClientLoop> loops = new ArrayList<>();

	private final Set<BenchClient> open = ConcurrentHashMap.newKeySet();

	private int next;

	Clients(Latencies latencies, int loops) throws IOException {
		for (int i = 0; i < loops; i++) {
			this.loops.add(new ClientLoop(latencies, "bench-loop-" + i));
		}
	}

	/**
	 * Opens {@code count} connections, subscribes each to {@code channelOf.apply(i)} and
	 * waits for every subscription to succeed.
	 * @return the clients
	 */
	List<BenchClient> connect(Target target, int count, IntFunction<String> channelOf, boolean reading)
			throws InterruptedException {
		Semaphore permits = new Semaphore(IN_FLIGHT);
		List<BenchClient> clients = new ArrayList<>(count);
		List<CompletableFuture<Void>> ready = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			permits.acquire();
			ClientLoop loop = this.loops.get(this.next++ % this.loops.size());
			BenchClient client = new BenchClient(loop, channelOf.apply(i), reading, target.protocol());
			loop.connect(client, target.webSocketUri());
			CompletableFuture<Void> subscribed = client.subscribed.orTimeout(30, TimeUnit.SECONDS)
				.whenComplete((ok, ex) -> permits.release());
			clients.add(client);
			ready.add(subscribed);
		}
		CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
		this.open.addAll(clients);
		return clients;
	}

	/**
	 * Closes connections and waits for each to be closed.
	 */
	void close(List<BenchClient> clients) {
		clients.forEach(BenchClient::close);
		CompletableFuture
			.allOf(clients.stream()
				.map((c) -> c.closed.completeOnTimeout(-1, 5, TimeUnit.SECONDS))
				.toArray(CompletableFuture[]::new))
			.join();
		clients.forEach(this.open::remove);
	}

	@Override
	public void close() {
		this.open.forEach(BenchClient::abort);
	}

}
