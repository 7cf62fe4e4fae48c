package dev.sockets.sample.chat;

import java.security.Principal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import dev.sockets.broker.Broadcaster;
import dev.sockets.broker.ChannelHistory;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
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

	/** How many of the lobby's latest messages {@code GET /chat/messages} answers. */
	static final int RECENT = 50;

	private final Broadcaster broadcaster;

	private final Mentions mentions;

	private final ChannelHistory history;

	ChatController(Broadcaster broadcaster, Mentions mentions, ChannelHistory history) {
		this.broadcaster = broadcaster;
		this.mentions = mentions;
		this.history = history;
	}

	/**
	 * The lobby's latest messages, oldest first, read from its history (it keeps 100, see
	 * application.yml): what the page loads when {@code pusher:recovery_failed} tells it
	 * that it could not get what it missed.
	 * @return the events as recorded (name, data, position) and the lobby's position
	 */
	@GetMapping("/messages")
	CompletableFuture<ChannelHistory.Recent> recent() {
		return this.history.recent(CHANNEL, RECENT);
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
