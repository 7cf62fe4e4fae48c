package dev.sockets.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.sockets.connection.SocketIds;
import dev.sockets.protocol.ChannelAuth;
import dev.sockets.protocol.Signatures;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The HMAC and MD5 work of {@link ChannelAuth} and {@link Signatures}: verifying a
 * private and a presence subscription's {@code auth} (once per subscribe), signing an
 * HTTP API request's string-to-sign and hashing its body (once per API call). The
 * {@code reused*} baselines run the same digest on one initialised {@link Mac} or
 * {@link MessageDigest}, to show what cloning or looking one up per call costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SignatureBenchmark {

	private static final String SECRET = "7ad3773142a6692b25b8";

	private static final HexFormat HEX = HexFormat.of();

	private final Signatures signatures = new Signatures(SECRET);

	private final ChannelAuth channelAuth = new ChannelAuth("278d425bdf160c739803", this.signatures);

	private String socketId = new SocketIds().next();

	private String privateChannel = "private-orders.4521";

	private String presenceChannel = "presence-room.lobby";

	private String channelData = "{\"user_id\":\"10452\",\"user_info\":{\"name\":\"Alice Example\",\"team\":\"blue\"}}";

	private String privateAuth = "";

	private String presenceAuth = "";

	// what an HTTP API trigger signs (140 bytes): METHOD\nPATH\nsorted query without
	// auth_signature
	private String stringToSign = "POST\n/apps/1715402/events\nauth_key=278d425bdf160c739803&auth_timestamp=1717171717"
			+ "&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f";

	private byte[] body = new byte[0];

	private Mac mac = hmac();

	private MessageDigest md5 = md5();

	@Setup
	public void setUp() {
		this.privateAuth = this.channelAuth.sign(this.socketId, this.privateChannel, null);
		this.presenceAuth = this.channelAuth.sign(this.socketId, this.presenceChannel, this.channelData);
		if (verifyPrivateChannel() != null || verifyPresenceChannel() != null) {
			throw new IllegalStateException("A valid auth was rejected");
		}
		StringBuilder body = new StringBuilder("{\"name\":\"order.shipped\",\"channels\":[\"private-orders.4521\"],"
				+ "\"data\":\"{\\\"id\\\":4521,\\\"items\\\":[");
		for (int i = 0; body.length() < 1000; i++) {
			body.append((i > 0) ? "," : "").append("{\\\"sku\\\":\\\"SKU-").append(i).append("\\\",\\\"qty\\\":1}");
		}
		body.append("]}\"}");
		this.body = body.toString().getBytes(StandardCharsets.UTF_8);
	}

	@Benchmark
	public @Nullable String verifyPrivateChannel() {
		return this.channelAuth.problem(this.privateAuth, this.socketId, this.privateChannel, null);
	}

	@Benchmark
	public @Nullable String verifyPresenceChannel() {
		return this.channelAuth.problem(this.presenceAuth, this.socketId, this.presenceChannel, this.channelData);
	}

	@Benchmark
	public String signApiRequest() {
		return this.signatures.sign(this.stringToSign);
	}

	@Benchmark
	public String reusedMacSign() {
		return HEX.formatHex(this.mac.doFinal(this.stringToSign.getBytes(StandardCharsets.UTF_8)));
	}

	@Benchmark
	public String md5Body() {
		return Signatures.md5Hex(this.body);
	}

	@Benchmark
	public String reusedDigestMd5() {
		return HEX.formatHex(this.md5.digest(this.body));
	}

	private static Mac hmac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static MessageDigest md5() {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
