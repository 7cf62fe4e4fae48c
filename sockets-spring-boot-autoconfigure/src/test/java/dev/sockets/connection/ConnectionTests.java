package dev.sockets.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.sockets.protocol.Frame;
import dev.sockets.protocol.PusherError;
import dev.sockets.test.RecordingSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbound queue on the blocking-write path (containers without a Jakarta async
 * remote), with a recording session standing in for the socket.
 */
class ConnectionTests {

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final RecordingSession session = new RecordingSession();

	@AfterEach
	void stop() {
		this.session.releaseWrites();
		this.executor.shutdownNow();
	}

	private Connection connection(long bufferLimit, Duration sendTimeLimit) {
		return Connection.of("1.1", this.session,
				new OutboundLimits(bufferLimit, sendTimeLimit, this.executor, this.executor));
	}

	@Test
	void writesFramesInTheOrderEachThreadSentThem() throws Exception {
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
			String[] frame = this.session.written.poll(5, TimeUnit.SECONDS).split(":");
			int thread = Integer.parseInt(frame[0]);
			assertThat(Integer.parseInt(frame[1])).isEqualTo(next[thread]++);
		}
		assertThat(connection.queuedBytes()).isZero();
	}

	@Test
	void aClientThatCannotKeepUpIsClosedWith4100WithoutBlockingTheSender() throws Exception {
		Connection connection = connection(1000, Duration.ofSeconds(10));
		this.session.holdWrites();
		int accepted = 0;
		for (int i = 0; i < 100; i++) {
			if (connection.send(Frame.of("x".repeat(100)))) {
				accepted++;
			}
		}
		assertThat(accepted).isBetween(9, 11);
		CloseStatus status = this.session.closes.poll(5, TimeUnit.SECONDS);
		assertThat(status.getCode()).isEqualTo(PusherError.OVER_CAPACITY.code());
		assertThat(connection.isClosed()).isTrue();
		assertThat(connection.send(Frame.of("late"))).isFalse();
	}

	@Test
	void aWriteStalledPastTheSendTimeLimitIsDetected() {
		Connection connection = connection(1 << 20, Duration.ofMillis(50));
		this.session.holdWrites();
		connection.send(Frame.of("stuck"));
		await().atMost(Duration.ofSeconds(5)).until(() -> connection.isStalled(System.nanoTime()));
		this.session.releaseWrites();
		await().atMost(Duration.ofSeconds(5)).until(() -> !connection.isStalled(System.nanoTime()));
	}

	@Test
	void closeSendsTheErrorAfterWhatIsQueuedThenClosesWithItsCode() throws Exception {
		Connection connection = connection(1 << 20, Duration.ofSeconds(10));
		this.session.holdWrites();
		connection.send(Frame.of("first"));
		connection.close(PusherError.RECONNECT, null);
		assertThat(connection.send(Frame.of("after close"))).isFalse();
		this.session.releaseWrites();
		assertThat(this.session.written.poll(5, TimeUnit.SECONDS)).isEqualTo("first");
		assertThat(this.session.written.poll(5, TimeUnit.SECONDS)).contains("\"code\":4200");
		assertThat(this.session.closes.poll(5, TimeUnit.SECONDS).getCode()).isEqualTo(4200);
		assertThat(this.session.written).isEmpty();
	}

	@Test
	void onlyTheFirstCloseCountsAnd43xxCodesNeverClose() throws Exception {
		Connection connection = connection(1 << 20, Duration.ofSeconds(10));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> connection.close(PusherError.CLIENT_EVENT_REJECTED, null));
		connection.close(PusherError.PONG_TIMEOUT, null);
		connection.close(PusherError.RECONNECT, null);
		assertThat(this.session.written.poll(5, TimeUnit.SECONDS)).contains("\"code\":4201");
		assertThat(this.session.closes.poll(5, TimeUnit.SECONDS).getCode()).isEqualTo(4201);
		assertThat(this.session.written.poll(200, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void waitingForAWriterIsNotAStallAndClosingFreesStuckWriters() throws Exception {
		ExecutorService writers = Executors.newFixedThreadPool(2);
		ExecutorService closers = Executors.newFixedThreadPool(2);
		try {
			OutboundLimits limits = new OutboundLimits(1 << 20, Duration.ofMillis(100), writers, closers);
			RecordingSession stuckSession = new RecordingSession();
			RecordingSession otherStuckSession = new RecordingSession();
			RecordingSession fastSession = new RecordingSession();
			stuckSession.holdWrites();
			otherStuckSession.holdWrites();
			Connection stuck = Connection.of("1.1", stuckSession, limits);
			Connection otherStuck = Connection.of("1.2", otherStuckSession, limits);
			Connection fast = Connection.of("1.3", fastSession, limits);
			stuck.send(Frame.of("to a full socket"));
			otherStuck.send(Frame.of("to another full socket"));
			fast.send(Frame.of("fast"));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> stuck.isStalled(System.nanoTime()) && otherStuck.isStalled(System.nanoTime()));
			assertThat(fast.isStalled(System.nanoTime())).as("queued for a writer, not stalled").isFalse();
			assertThat(fastSession.written).isEmpty();
			stuck.abort(PusherError.OVER_CAPACITY, "stalled");
			otherStuck.abort(PusherError.OVER_CAPACITY, "stalled");
			assertThat(fastSession.written.poll(5, TimeUnit.SECONDS)).isEqualTo("fast");
			assertThat(stuckSession.closes.poll(5, TimeUnit.SECONDS).getCode()).isEqualTo(4100);
		}
		finally {
			writers.shutdownNow();
			closers.shutdownNow();
		}
	}

}
