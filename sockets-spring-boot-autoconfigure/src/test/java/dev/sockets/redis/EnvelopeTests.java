package dev.sockets.redis;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sockets.broker.StreamPosition;

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
	void aRecordedPublicationsPositionIsTheFirstLinesLastHeaderAndNoHeaderOfItsOwn() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("traceparent", "00-abc-def-01");
		Envelope envelope = new Envelope(7, "1.2", "{\"event\":\"e\"}", headers, new StreamPosition("k3x9-1_", 42));
		assertThat(new String(envelope.encode(), StandardCharsets.UTF_8))
			.isEqualTo("7;traceparent=00-abc-def-01&p=k3x9-1_:42\n1.2\n{\"event\":\"e\"}");
		Envelope decoded = Envelope.decode(envelope.encode());
		assertThat(decoded).isEqualTo(envelope);
		assertThat(decoded.headers()).containsOnlyKeys("traceparent");
	}

	@Test
	void withoutHeadersThePositionOpensTheHeaders() {
		Envelope envelope = new Envelope(7, null, "{}", Map.of(), new StreamPosition("e", 1));
		assertThat(new String(envelope.encode(), StandardCharsets.UTF_8)).isEqualTo("7;p=e:1\n\n{}");
		assertThat(Envelope.decode(envelope.encode())).isEqualTo(envelope);
		assertThat(Envelope.decode(new Envelope(7, null, "{}", Map.of()).encode()).position()).isNull();
	}

	// what a script completes with the position it gives
	@Test
	void theTextAroundThePositionMakesTheEncodedEnvelope() {
		for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("b3", "a-b-1"))) {
			for (String except : new String[] { null, "3.4" }) {
				Envelope unrecorded = new Envelope(12, except, "{\"x\":1}", headers);
				Envelope recorded = new Envelope(12, except, "{\"x\":1}", headers, new StreamPosition("ep", 9));
				String completed = unrecorded.beforePosition() + "ep:9" + unrecorded.afterPosition() + "{\"x\":1}";
				assertThat(completed).isEqualTo(new String(recorded.encode(), StandardCharsets.UTF_8));
			}
		}
	}

	@Test
	void aHeaderOfThePublicationsOwnNamedPIsNeverTakenForAPosition() {
		Envelope envelope = new Envelope(7, null, "{}", Map.of("p", "e:1"));
		assertThat(new String(envelope.encode(), StandardCharsets.UTF_8)).startsWith("7;%70=e%3A1\n");
		Envelope decoded = Envelope.decode(envelope.encode());
		assertThat(decoded.position()).isNull();
		assertThat(decoded.headers()).isEqualTo(Map.of("p", "e:1"));
	}

	@Test
	void whatIsNotAnEnvelopeIsNull() {
		assertThat(Envelope.decode("no newline".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(Envelope.decode("x\n\n{}".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(Envelope.decode("1;a=%zz\n\n{}".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(Envelope.decode("1;p=e\n\n{}".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(Envelope.decode("1;p=e:-1\n\n{}".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(Envelope.decode("1;p=no spaces:1\n\n{}".getBytes(StandardCharsets.UTF_8))).isNull();
	}

}
