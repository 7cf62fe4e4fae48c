package dev.sockets.sample.chat;

import java.security.Principal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.sockets.broker.Broadcaster;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accepts chat messages over HTTP and broadcasts each one to everyone in the lobby but
 * its sender, who renders it from the response instead. Everyone may read the lobby, but
 * only signed-in users write in it (see {@code SecurityConfiguration}), as themselves:
 * the author is the user of the request.
 */
@RestController
@RequestMapping("/chat")
class ChatController {

	static final String CHANNEL = "chat.lobby";

	static final String EVENT = "message";

	private final Broadcaster broadcaster;

	private final Mentions mentions;

	ChatController(Broadcaster broadcaster, Mentions mentions) {
		this.broadcaster = broadcaster;
		this.mentions = mentions;
	}

	@PostMapping("/messages")
	ChatMessage post(@Valid @RequestBody PostMessageRequest request, Principal user) {
		ChatMessage message = new ChatMessage(user.getName(), strip(request.text()),
				Instant.now().truncatedTo(ChronoUnit.MILLIS));
		this.broadcaster.to(CHANNEL).except(request.socketId()).emit(EVENT, message);
		this.mentions.tell(message);
		return message;
	}

	@ExceptionHandler
	ProblemDetail invalid(MethodArgumentNotValidException ex) {
		Map<String, String> errors = new TreeMap<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.putIfAbsent(error.getField(), error.getDefaultMessage());
		}
		String detail = errors.entrySet()
			.stream()
			.map((error) -> error.getKey() + " " + error.getValue())
			.collect(Collectors.joining("; "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid chat message");
		problem.setProperty("errors", errors);
		return problem;
	}

	// @Valid guarantees the text is non-blank
	private static String strip(@Nullable String value) {
		return (value != null) ? value.strip() : "";
	}

}
