package dev.sockets.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.sockets.protocol.Frame;
import dev.sockets.protocol.PusherError;
import dev.sockets.test.RecordingTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The outbound queue, with a recording transport standing in for the socket: one write in
 * flight, writes held back like a client that stopped reading, and completions on other
 * threads.
 */
class ConnectionTests {

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final RecordingTransport transport = new RecordingTransport();

	@AfterEach
	void stop() {
		this.transport.releaseWrites();
		this.executor.shutdownNow();
	}

	private Connection connection(long bufferLimit, Duration sendTimeLimit) {
		return Connection.of("1.1", this.transport, new OutboundLimits(bufferLimit, sendTimeLimit, this.executor));
	}

	@Test
	void writesFramesInTheOrderEachThreadSentThemOneAtATime() throws Exception {
		Connection connection = connection(1 << 20, Duration.ofSeconds(10));
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			int thread = t;
			Thread sender = new Thread(() -> {
				for (int i = 0; i < 500; i++) {
					connection.send(Frame.of(thread + ":" + i));
				}
			});
			sender.start();
			threads.add(sender);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		int[] next = new int[4];
		for (int i = 0; i < 2000; i++) {
			String[] frame = this.transport.written.poll(5, TimeUnit.SECONDS).split(":");
			int thread = Integer.parseInt(frame[0]);
			assertThat(Integer.parseInt(frame[1])).isEqualTo(next[thread]++);
		}
		assertThat(this.transport.mostWritesInFlight.get()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> connection.queuedBytes() == 0);
	}

	@Test
	void eachClientEventAllowanceHasItsOwnBucket() {
		Connection connection = connection(1 << 20, Duration.ofSeconds(10));
		assertThat(connection.tryClientEvent("quiet", 2)).isTrue();
		assertThat(connection.tryClientEvent("quiet", 2)).isTrue();
		assertThat(connection.tryClientEvent("quiet", 2)).isFalse();
		// another namespace's events neither refill nor use up this one
		for (int i = 0; i < 50; i++) {
			assertThat(connection.tryClientEvent("busy", 100)).isTrue();
		}
		assertThat(connection.tryClientEvent("quiet", 2)).isFalse();
	}

	@Test
	void writesThatCompleteAtOnceDoNotRecurse() throws Exception {
		ExecutorService single = Executors.newSingleThreadExecutor();
		try {
			Connection connection = Connection.of("1.1", this.transport,
					new OutboundLimits(1 << 30, Duration.ofSeconds(10), single));
			this.transport.holdWrites();
			for (int i = 0; i < 100_000; i++) {
				connection.send(Frame.of(Integer.toString(i)));
			}
			// each completion now starts the next write inside the one before: a stack
			// per frame would overflow long before the last
			single.execute(this.transport::releaseWrites);
			await().atMost(Duration.ofSeconds(20)).until(() -> this.transport.written.size() == 100_000);
			assertThat(this.transport.written.peek()).isEqualTo("0");
			assertThat(connection.isClosed()).isFalse();
		}
		finally {
			single.shutdownNow();
		}
	}

	@Test
	void aClientThatCannotKeepUpIsClosedWith4100WithoutBlockingTheSender() throws Exception {
		Connection connection = connection(1000, Duration.ofSeconds(10));
		this.transport.holdWrites();
		int accepted = 0;
		for (int i = 0; i < 100; i++) {
			if (connection.send(Frame.of("x".repeat(100)))) {
				accepted++;
			}
		}
		assertThat(accepted).isBetween(9, 11);
		assertThat(this.transport.closes.poll(5, TimeUnit.SECONDS)).isEqualTo(PusherError.OVER_CAPACITY.code());
		assertThat(this.transport.aborts.get()).isEqualTo(1);
		assertThat(connection.isClosed()).isTrue();
		assertThat(connection.send(Frame.of("late"))).isFalse();
	}

	@Test
	void aWriteStalledPastTheSendTimeLimitIsDetected() {
		Connection connection = connection(1 << 20, Duration.ofMillis(50));
		this.transport.holdWrites();
		connection.send(Frame.of("stuck"));
		await().atMost(Duration.ofSeconds(5)).until(() -> connection.isStalled(System.nanoTime()));
		this.transport.releaseWrites();
		await().atMost(Duration.ofSeconds(5)).until(() -> !connection.isStalled(System.nanoTime()));
	}

	@Test
	void closeSendsTheErrorAfterWhatIsQueuedThenClosesWithItsCode() throws Exception {
		Connection connection = connection(1 << 20, Duration.ofSeconds(10));
		this.transport.holdWrites();
		connection.send(Frame.of("first"));
		connection.close(PusherError.RECONNECT, null);
		assertThat(connection.send(Frame.of("after close"))).isFalse();
		assertThat(this.transport.closes.poll(200, TimeUnit.MILLISECONDS)).as("not before the writes").isNull();
		this.transport.releaseWrites();
		assertThat(this.transport.written.poll(5, TimeUnit.SECONDS)).isEqualTo("first");
		assertThat(this.transport.written.poll(5, TimeUnit.SECONDS)).contains("\"code\":4200");
		assertThat(this.transport.closes.poll(5, TimeUnit.SECONDS)).isEqualTo(4200);
		assertThat(this.transport.written).isEmpty();
		assertThat(this.transport.aborts.get()).isZero();
	}

	@Test
	void onlyTheFirstCloseCountsAnd43xxCodesNeverClose() throws Exception {
		Connection connection = connection(1 << 20, Duration.ofSeconds(10));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> connection.close(PusherError.CLIENT_EVENT_REJECTED, null));
		connection.close(PusherError.PONG_TIMEOUT, null);
		connection.close(PusherError.RECONNECT, null);
		assertThat(this.transport.written.poll(5, TimeUnit.SECONDS)).contains("\"code\":4201");
		assertThat(this.transport.closes.poll(5, TimeUnit.SECONDS)).isEqualTo(4201);
		assertThat(this.transport.written.poll(200, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void stalledSocketsHoldNoThreadAndOthersAreNeverCountedAgainstThem() throws Exception {
		ExecutorService oneThread = Executors.newSingleThreadExecutor();
		try {
			OutboundLimits limits = new OutboundLimits(1000, Duration.ofMillis(100), oneThread);
			List<RecordingTransport> stalled = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				RecordingTransport socket = new RecordingTransport();
				socket.holdWrites();
				Connection connection = Connection.of("1." + i, socket, limits);
				connection.send(Frame.of("to a full socket"));
				stalled.add(socket);
			}
			RecordingTransport fastSocket = new RecordingTransport();
			Connection fast = Connection.of("2.1", fastSocket, limits);
			for (int i = 0; i < 50; i++) {
				assertThat(fast.send(Frame.of("x".repeat(100)))).isTrue();
				assertThat(fastSocket.written.poll(5, TimeUnit.SECONDS)).as("written while 200 sockets are full")
					.isNotNull();
			}
			assertThat(fast.isClosed()).isFalse();
			assertThat(stalled).allSatisfy((socket) -> assertThat(socket.writesInFlight.get()).isEqualTo(1));
		}
		finally {
			oneThread.shutdownNow();
		}
	}

}
