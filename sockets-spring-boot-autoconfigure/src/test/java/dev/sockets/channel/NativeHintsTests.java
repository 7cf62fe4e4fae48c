package dev.sockets.channel;

import java.security.Principal;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring's AOT processing registers for a bean with authorizer and handler methods,
 * so they are found and invoked, and their payloads and replies bound, in a native image.
 */
class NativeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	NativeHintsTests() {
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(this.hints, Rooms.class);
	}

	@Test
	void authorizerAndHandlerMethodsMayBeInvoked() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Rooms.class, "room")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Rooms.class, "message")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Rooms.class, "unannotated"))
			.rejects(this.hints);
	}

	@Test
	void aHandlersPayloadAndReplyMayBeBoundByJackson() {
		assertThat(RuntimeHintsPredicates.reflection().onType(Message.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Message.class, "text")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Receipt.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Attachment.class)).as("a payload's nested type")
			.accepts(this.hints);
	}

	@Test
	void theUserTheContextAndChannelVariablesAreNotBound() {
		assertThat(RuntimeHintsPredicates.reflection().onType(Principal.class)).rejects(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(ClientEventContext.class)).rejects(this.hints);
	}

	static class Rooms {

		@AuthorizeChannel("private-room.{id}")
		boolean room(@Nullable Principal user, @ChannelVariable long id) {
			return user != null;
		}

		@ClientEventHandler(channel = "private-room.{id}", event = "client-message")
		Receipt message(Message message, Principal user, @ChannelVariable String id, ClientEventContext context) {
			return new Receipt(message.text().length());
		}

		void unannotated() {
		}

	}

	record Message(String text, List<Attachment> attachments) {

	}

	record Attachment(String url) {

	}

	record Receipt(int length) {

	}

}
