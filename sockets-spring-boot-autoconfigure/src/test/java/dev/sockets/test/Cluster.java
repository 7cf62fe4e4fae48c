package dev.sockets.test;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@code redis-server} of the test class's own ({@link RedisServerExtension}), and the
 * nodes each test starts on it: the nodes are closed after each test, and Redis is
 * started again if the test stopped it. Register it in a static field with
 * {@code @RegisterExtension}.
 */
public final class Cluster implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	private final List<ClusterNode> nodes = new ArrayList<>();

	private final RedisServerExtension<RedisProcess> redis = RedisServerExtension.server();

	/**
	 * The Redis server.
	 * @return the running (or stopped) server
	 */
	public RedisProcess redis() {
		return this.redis.get();
	}

	/**
	 * Starts a node of an app, closed after the test.
	 * @param appId the app id
	 * @param extraProperties more properties, {@code name=value}
	 * @return the node
	 */
	public ClusterNode start(String appId, String... extraProperties) {
		ClusterNode node = ClusterNode.start(redis().port(), appId, extraProperties);
		this.nodes.add(node);
		return node;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.redis.beforeAll(context);
	}

	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		for (ClusterNode node : this.nodes) {
			node.context().close();
		}
		this.nodes.clear();
		this.redis.afterEach(context);
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		this.redis.afterAll(context);
	}

}
