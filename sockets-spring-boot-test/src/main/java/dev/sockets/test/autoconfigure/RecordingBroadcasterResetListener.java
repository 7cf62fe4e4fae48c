package dev.sockets.test.autoconfigure;

import dev.sockets.test.broadcast.RecordingBroadcaster;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Clears the recording broadcaster of a test's application context before each test
 * method: the context is cached and shared by test classes, its recordings are not.
 */
final class RecordingBroadcasterResetListener implements TestExecutionListener, Ordered {

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		context.getBeanProvider(RecordingBroadcaster.class).forEach(RecordingBroadcaster::clear);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

}
