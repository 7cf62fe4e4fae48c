package dev.sockets.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real Redis for one test class: started before its first test, stopped after its last,
 * and, for a single server, started again after any test that stopped it, so each test
 * begins with Redis up. Register it in a static field: <pre class="code">
 * &#64;RegisterExtension
 * static final RedisServerExtension&lt;RedisProcess&gt; redis = RedisServerExtension.server();
 * </pre> A server of the class's own, rather than one for the whole suite, lets a test
 * stop, pause or fill it without disturbing the others.
 *
 * @param <S> the kind of server
 */
public final class RedisServerExtension<S extends AutoCloseable>
		implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	private final Launcher<S> launcher;

	private S server;

	private RedisServerExtension(Launcher<S> launcher) {
		this.launcher = launcher;
	}

	/**
	 * One {@code redis-server} on a free loopback port.
	 * @return the extension
	 */
	public static RedisServerExtension<RedisProcess> server() {
		return new RedisServerExtension<>(RedisProcess::launch);
	}

	/**
	 * A Redis Cluster of three masters.
	 * @return the extension
	 */
	public static RedisServerExtension<RedisClusterProcesses> cluster() {
		return new RedisServerExtension<>(RedisClusterProcesses::launch);
	}

	/**
	 * The running server.
	 * @return the server
	 */
	public S get() {
		return this.server;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.server = this.launcher.launch();
	}

	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		if (this.server instanceof RedisProcess redis && !redis.isRunning()) {
			redis.start();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		this.server.close();
	}

	@FunctionalInterface
	private interface Launcher<S> {

		S launch() throws Exception;

	}

}
