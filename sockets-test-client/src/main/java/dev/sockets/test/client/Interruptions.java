package dev.sockets.test.client;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits without checked exceptions, so tests need no {@code throws} clause: an interrupt
 * is kept on the thread and ends the test.
 */
final class Interruptions {

	private Interruptions() {
	}

	interface Wait {

		void run() throws InterruptedException;

	}

	static void run(Wait wait) {
		try {
			wait.run();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting", ex);
		}
	}

	static <T> T get(Future<T> future, java.time.Duration timeout, String what) {
		try {
			return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + what, ex);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("No " + what + " within " + timeout);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("Failed: " + what + ": " + cause, cause);
		}
	}

	static <T> T call(Callable<T> call) {
		try {
			return call.call();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

}
