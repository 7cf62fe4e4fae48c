package dev.sockets.channel;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

/**
 * Who a browser signs in as with pusher-js's {@code pusher.signin()}: the user id and the
 * {@code user_info} that the built-in user-auth endpoint signs into {@code user_data}.
 * Declare one as a bean; without it the endpoint signs the principal's name alone. Often
 * the same mapping the application's presence authorizers use:
 *
 * <pre class="code">
 * &#64;Bean
 * SignInUser signInUser(Users users) {
 *     return (user) -&gt; new PresenceMember(user.getName(), Map.of("name", users.displayName(user)));
 * }
 * </pre>
 *
 * It runs on the web server's request threads (on a reactive server, on threads that may
 * block).
 */
@FunctionalInterface
public interface SignInUser {

	/**
	 * The signed-in user of an authenticated caller.
	 * @param user the caller's principal
	 * @return the user's id and information, or {@code null} to refuse the sign-in (403)
	 */
	@Nullable PresenceMember of(Principal user);

}
