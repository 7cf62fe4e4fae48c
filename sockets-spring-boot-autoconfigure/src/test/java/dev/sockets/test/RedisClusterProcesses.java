package dev.sockets.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis Cluster of three masters on loopback, started from real {@code redis-server}
 * processes and joined with plain commands ({@code CLUSTER ADDSLOTS}, {@code MEET}), so
 * it needs no {@code redis-cli}.
 */
public final class RedisClusterProcesses implements AutoCloseable {

	private static final int SLOTS = 16384;

	private final List<RedisProcess> nodes;

	private RedisClusterProcesses(List<RedisProcess> nodes) {
		this.nodes = nodes;
	}

	/**
	 * Starts three nodes, assigns a third of the slots to each and waits until the
	 * cluster is ready.
	 * @return the cluster
	 */
	public static RedisClusterProcesses launch() throws Exception {
		Path dir = Files.createTempDirectory("sockets-redis-cluster");
		List<RedisProcess> nodes = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				nodes.add(RedisProcess.launch("--cluster-enabled", "yes", "--cluster-config-file",
						dir.resolve("nodes-" + i + ".conf").toString(), "--cluster-node-timeout", "2000", "--dir",
						dir.toString()));
			}
			for (int i = 0; i < 3; i++) {
				List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
				for (int slot = i * SLOTS / 3; slot < (i + 1) * SLOTS / 3; slot++) {
					command.add(String.valueOf(slot));
				}
				nodes.get(i).command(command.toArray(String[]::new));
			}
			for (int i = 1; i < 3; i++) {
				nodes.get(0).command("CLUSTER", "MEET", "127.0.0.1", String.valueOf(nodes.get(i).port()));
			}
			long deadline = System.nanoTime() + 30_000_000_000L;
			while (!isReady(nodes)) {
				if (System.nanoTime() > deadline) {
					throw new IOException("The Redis cluster did not become ready");
				}
				Thread.sleep(100);
			}
			return new RedisClusterProcesses(nodes);
		}
		catch (Exception ex) {
			nodes.forEach(RedisProcess::close);
			throw ex;
		}
	}

	private static boolean isReady(List<RedisProcess> nodes) throws IOException {
		for (RedisProcess node : nodes) {
			String info = node.command("CLUSTER", "INFO");
			if (!info.contains("cluster_state:ok") || !info.contains("cluster_known_nodes:3")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The nodes as {@code spring.data.redis.cluster.nodes} wants them.
	 * @return {@code 127.0.0.1:port,…}
	 */
	public String nodesProperty() {
		return String.join(",", this.nodes.stream().map((node) -> "127.0.0.1:" + node.port()).toList());
	}

	/**
	 * How many connections subscribe to a channel across the cluster, by kind.
	 * @param sharded {@code PUBSUB SHARDNUMSUB} when {@code true}, else {@code NUMSUB}
	 * @param channel the Redis channel
	 * @return the sum over the nodes
	 */
	public long subscribers(boolean sharded, String channel) throws IOException {
		long total = 0;
		for (RedisProcess node : this.nodes) {
			String reply = node.command("PUBSUB", sharded ? "SHARDNUMSUB" : "NUMSUB", channel);
			java.util.regex.Matcher count = java.util.regex.Pattern.compile(":(\\d+)").matcher(reply);
			total += count.find() ? Long.parseLong(count.group(1)) : 0;
		}
		return total;
	}

	@Override
	public void close() {
		this.nodes.forEach(RedisProcess::close);
	}

}
