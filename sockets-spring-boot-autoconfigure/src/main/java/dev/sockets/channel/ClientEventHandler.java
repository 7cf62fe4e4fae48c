package dev.sockets.channel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a bean method that handles a client event on the server: <pre class="code">
 * &#64;ClientEventHandler(channel = "private-chat.{roomId}", event = "client-message")
 * Receipt message(&#64;Valid ChatMessage message, Principal user, &#64;ChannelVariable long roomId) {
 *     return chat.save(roomId, user.getName(), message);
 * }
 * </pre>
 * <p>
 * The payload parameter (the one that is neither a {@link java.security.Principal}, a
 * {@link ChannelVariable @ChannelVariable} nor a {@link ClientEventContext}) is bound
 * from the event's data by the application's Jackson mapper and, when annotated
 * {@code @Valid}, validated with Bean Validation. A value returned is sent back to the
 * sender alone as {@code <event>-reply} on the channel (request/reply); a payload that
 * does not bind or validate, or an exception, is answered with {@code <event>-error} and
 * logged, and never closes the connection. Handlers run on the handler thread pool, not
 * on WebSocket threads. The sender must be subscribed to the channel.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(ClientEventHandlerReflectiveProcessor.class)
public @interface ClientEventHandler {

	/**
	 * The channel pattern, with the syntax of {@link AuthorizeChannel}.
	 * @return the pattern
	 */
	String channel();

	/**
	 * The event name, starting with {@code client-}.
	 * @return the event
	 */
	String event();

	/**
	 * Whether the event is also relayed to the channel's other subscribers (on private
	 * and presence channels, when client events are enabled), after the handler accepted
	 * it.
	 * @return {@code true} to relay too
	 */
	boolean relay() default false;

}
