package dev.sockets.sample.chat;

import java.util.UUID;

import dev.sockets.broker.ChannelHistory;
import dev.sockets.sample.security.ImportSampleSecurity;
import dev.sockets.test.autoconfigure.AutoConfigureRecordingBroadcaster;
import dev.sockets.test.broadcast.RecordedBroadcast;
import dev.sockets.test.broadcast.RecordingBroadcaster;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@link ChatController} in a web slice: no WebSocket server, only what the controller
 * broadcast, as the test kit's {@link RecordingBroadcaster} records it, behind the
 * sample's own security configuration.
 */
@WebMvcTest(ChatController.class)
@Import(Mentions.class)
@ImportSampleSecurity
@AutoConfigureRecordingBroadcaster
class ChatControllerTests {

	private static final String CSRF_TOKEN = UUID.randomUUID().toString();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private RecordingBroadcaster broadcasts;

	@Autowired
	private JsonMapper jsonMapper;

	// GET /chat/messages reads the lobby's history, which is not in the slice
	@MockitoBean
	private ChannelHistory history;

	@Test
	void broadcastsTheMessageToTheLobbyButTheSendersSocketAndTellsEachMentionedUser() throws Exception {
		MvcResult result = this.mvc
			.perform(message("{\"text\":\" hi @bob, @bob and @nobody, from @alice \",\"socketId\":\"123.456\"}")
				.with(user("alice")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.author").value("alice"))
			.andExpect(jsonPath("$.text").value("hi @bob, @bob and @nobody, from @alice"))
			.andReturn();

		JsonNode answer = this.jsonMapper.readTree(result.getResponse().getContentAsString());
		assertThat(this.broadcasts.broadcasts())
			.extracting(RecordedBroadcast::channel, RecordedBroadcast::event, RecordedBroadcast::exceptSocketId)
			.containsExactly(tuple(ChatController.CHANNEL, ChatController.EVENT, "123.456"),
					// once for two @bob, never for the author nor for who is not a user
					tuple("private-user.bob", Mentions.EVENT, null));
		assertThat(this.broadcasts.broadcasts()).allSatisfy((sent) -> assertThat(sent.json()).isEqualTo(answer));
	}

	@Test
	void theAuthorIsTheUserOfTheRequestWhateverTheBodyClaims() throws Exception {
		this.mvc.perform(message("{\"text\":\"hello\",\"author\":\"bob\"}").with(user("alice")))
			.andExpect(status().isOk());

		assertThat(this.broadcasts.broadcastsTo(ChatController.CHANNEL)).singleElement()
			.satisfies((sent) -> assertThat(sent.data(ChatMessage.class).author()).isEqualTo("alice"));
	}

	@Test
	void broadcastsNothingForAnAnonymousAnInvalidOrAForgedPost() throws Exception {
		this.mvc.perform(message("{\"text\":\"anonymous\"}")).andExpect(status().isUnauthorized());
		this.mvc.perform(message("{\"text\":\"   \"}").with(user("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.text").value("must not be blank"));
		this.mvc.perform(message("{\"text\":\"hi\",\"socketId\":\"1234\"}").with(user("alice")))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/chat/messages").contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.content("{\"text\":\"forged\"}")
				.cookie(new Cookie("XSRF-TOKEN", CSRF_TOKEN))
				.header("X-XSRF-TOKEN", "not-the-token")
				.with(user("alice")))
			.andExpect(status().isForbidden());

		assertThat(this.broadcasts.broadcasts()).isEmpty();
	}

	// a JSON post with the CSRF token as the page sends it: the XSRF-TOKEN cookie's value
	// in the X-XSRF-TOKEN header (the sample's csrf.spa(), a cookie token repository)
	private static MockHttpServletRequestBuilder message(String json) {
		return post("/chat/messages").contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.content(json)
			.cookie(new Cookie("XSRF-TOKEN", CSRF_TOKEN))
			.header("X-XSRF-TOKEN", CSRF_TOKEN);
	}

}
