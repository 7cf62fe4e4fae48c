package dev.sockets.protocol;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FramesTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	@Test
	void encodesConnectionEstablishedWithStringData() {
		assertThat(Frames.connectionEstablished("1.2", 30).text()).isEqualTo(
				"{\"event\":\"pusher:connection_established\",\"data\":\"{\\\"socket_id\\\":\\\"1.2\\\",\\\"activity_timeout\\\":30}\"}");
	}

	@Test
	void encodesErrorsWithObjectDataAndNullCodes() {
		assertThat(Frames.error(PusherError.APP_NOT_FOUND, null).text()).isEqualTo(
				"{\"event\":\"pusher:error\",\"data\":{\"code\":4001,\"message\":\"Application does not exist\"}}");
		assertThat(Frames.error((Integer) null, "x").text())
			.isEqualTo("{\"event\":\"pusher:error\",\"data\":{\"code\":null,\"message\":\"x\"}}");
	}

	@Test
	void escapesEverythingJsonRequiresAndKeepsUnicode() {
		String nasty = "quote\" backslash\\ newline\n tab\t nul\u0000 bell\u0007 del\u007f é 😀 \u2028";
		JsonNode frame = JSON.readTree(Frames.event("e\"v", "c", nasty).text());
		assertThat(frame.get("event").stringValue()).isEqualTo("e\"v");
		assertThat(frame.get("data").stringValue()).isEqualTo(nasty);
	}

	@Test
	void escapesLoneSurrogatesSoTheFrameIsValidUtf8() {
		String text = Frames.event("e", "c", "a\ud83d b\ude00 c\ud83d\ude00").text();
		assertThat(text).contains("a\\ud83d b\\ude00 c\ud83d\ude00");
		assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(text);
		assertThat(JSON.readTree(text).get("data").stringValue()).isEqualTo("a\ud83d b\ude00 c\ud83d\ude00");
	}

	@Test
	void countsUtf8BytesWithoutEncoding() {
		for (String text : new String[] { "", "ascii", "é", "€", "😀", "a😀b€é\u0000" }) {
			assertThat(Frame.of(text).size()).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
		}
	}

	@Test
	void subscriptionErrorCarriesTypeErrorAndStatus() {
		JsonNode frame = JSON.readTree(Frames.subscriptionError("private-x", "AuthError", "no", 401).text());
		assertThat(frame.get("channel").stringValue()).isEqualTo("private-x");
		assertThat(frame.get("data").get("type").stringValue()).isEqualTo("AuthError");
		assertThat(frame.get("data").get("status").intValue()).isEqualTo(401);
	}

}
