package dev.sockets.sample.chat;

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
 * its sender, who renders it from the response instead.
 */
@RestController
@RequestMapping("/chat")
class ChatController {

	static final String CHANNEL = "chat.lobby";

	static final String EVENT = "message";

	private final Broadcaster broadcaster;

	ChatController(Broadcaster broadcaster) {
		this.broadcaster = broadcaster;
	}

	@PostMapping("/messages")
	ChatMessage post(@Valid @RequestBody PostMessageRequest request) {
		// @Valid guarantees author and text are non-blank
		ChatMessage message = new ChatMessage(strip(request.author()), strip(request.text()),
				Instant.now().truncatedTo(ChronoUnit.MILLIS));
		this.broadcaster.to(CHANNEL).except(request.socketId()).emit(EVENT, message);
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

	private static String strip(@Nullable String value) {
		return (value != null) ? value.strip() : "";
	}

}
