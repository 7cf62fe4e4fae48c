package dev.sockets.redis;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeTests {

	@Test
	void withoutHeadersTheFormatIsTheOneEarlierNodesRead() {
		Envelope envelope = new Envelope(42, "1.2", "{\"event\":\"e\"}", Map.of());
		assertThat(new String(envelope.encode(), StandardCharsets.UTF_8)).isEqualTo("42\n1.2\n{\"event\":\"e\"}");
		assertThat(Envelope.decode(envelope.encode())).isEqualTo(envelope);
	}

	@Test
	void headersTravelOnTheFirstLineEncoded() {
		Map<String, String> headers = Map.of("traceparent", "00-abc-def-01", "odd key", "a=b&c;d\ne");
		Envelope envelope = new Envelope(7, null, "{\"data\":\"x\\ny\"}", headers);
		Envelope decoded = Envelope.decode(envelope.encode());
		assertThat(decoded).isNotNull();
		assertThat(decoded.headers()).isEqualTo(headers);
		assertThat(decoded.node()).isEqualTo(7);
		assertThat(decoded.except()).isNull();
		assertThat(decoded.message()).isEqualTo("{\"data\":\"x\\ny\"}");
	}

	@Test
	void whatIsNotAnEnvelopeIsNull() {
		assertThat(Envelope.decode("no newline".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(Envelope.decode("x\n\n{}".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(Envelope.decode("1;a=%zz\n\n{}".getBytes(StandardCharsets.UTF_8))).isNull();
	}

}
