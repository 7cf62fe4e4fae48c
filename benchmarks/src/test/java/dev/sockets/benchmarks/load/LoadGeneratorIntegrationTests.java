package dev.sockets.benchmarks.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.sockets.benchmarks.server.BenchmarkServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the benchmark honest: small runs of the scenarios against a real benchmark server
 * must deliver everything and report what they measured, so a broken generator cannot
 * produce a flattering figure.
 */
class LoadGeneratorIntegrationTests {

	private static ConfigurableApplicationContext server;

	private static String base;

	@TempDir
	Path results;

	@BeforeAll
	static void startServer() {
		server = SpringApplication.run(BenchmarkServer.class, "--server.port=0", "--spring.main.banner-mode=off");
		base = "http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	private List<JsonNode> run(String... args) throws Exception {
		Path file = this.results.resolve("load.jsonl");
		Options options = new Options(args);
		Latencies latencies = new Latencies();
		try (Clients clients = new Clients(latencies, 2)) {
			Bench bench = new Bench(options, base, file, clients, latencies);
			switch (options.string("scenario", "")) {
				case "fanout" -> new FanOutScenario(bench).run();
				case "idle" -> new IdleScenario(bench).run();
				case "churn" -> new ChurnScenario(bench).run();
				default -> throw new IllegalArgumentException(args[0]);
			}
		}
		return Files.readAllLines(file).stream().map((line) -> JsonMapper.shared().readTree(line)).toList();
	}

	@Test
	void fanOutDeliversEveryPublishToEverySubscriberOnBothTargets() throws Exception {
		List<JsonNode> reports = run("--scenario=fanout", "--subscribers=20", "--rate=10", "--duration=2",
				"--target=raw,sockets");
		assertThat(reports).hasSize(2);
		for (JsonNode report : reports) {
			assertThat(report.get("published").longValue()).isEqualTo(20);
			assertThat(report.get("delivered").longValue()).isEqualTo(400);
			assertThat(report.get("lost").longValue()).isZero();
			assertThat(report.get("latencyP50Ms").doubleValue()).isPositive();
			assertThat(report.get("burstDeliveriesPerSecond").doubleValue()).isPositive();
		}
	}

	@Test
	void idleConnectionsAreHeldAndMeasured() throws Exception {
		JsonNode report = run("--scenario=idle", "--connections=100", "--hold=2").get(0);
		assertThat(report.get("serverConnectionsAtEnd").intValue()).isEqualTo(100);
		assertThat(report.get("dropped").longValue()).isZero();
		// a GC-noise-sized difference at 100 connections, so only its presence is checked
		assertThat(report.has("heapBytesPerConnection")).isTrue();
		assertThat(report.get("connectSubscribePerSecond").doubleValue()).isPositive();
	}

	@Test
	void churnLosesNothingForTheStableSubscribers() throws Exception {
		JsonNode report = run("--scenario=churn", "--subscribers=20", "--batch=10", "--rate=10", "--duration=2").get(0);
		assertThat(report.get("lostByStableSubscribers").longValue()).isZero();
		assertThat(report.get("churnedConnections").longValue()).isPositive();
		assertThat(report.get("serverConnectionsAtEnd").intValue()).isEqualTo(20);
	}

}
