package dev.sockets.channel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a bean method that authorizes subscriptions to the channels matching its
 * patterns. Patterns are channel names in which {@code {name}} captures one dot-separated
 * part ({@code {name:regex}} restricts it), {@code *} matches within one part and
 * {@code **} any number of parts, as in Spring's {@code @MessageMapping}:
 * <pre class="code">
 * &#64;AuthorizeChannel("private-team.{teamId}")
 * boolean team(Principal user, &#64;ChannelVariable long teamId) {
 *     return teams.isMember(teamId, user.getName());
 * }
 * </pre>
 * <p>
 * Parameters may be a {@link java.security.Principal} (or a subtype such as Spring
 * Security's {@code Authentication}; {@code null} for anonymous connections or other
 * principal types), {@link ChannelVariable @ChannelVariable} values converted from the
 * channel name, and the {@link SubscriptionRequest}. The method returns {@code boolean}
 * (grant or deny), {@code Boolean} ({@code null} abstains), a {@link ChannelDecision}, or
 * for presence channels a {@link PresenceMember} ({@code null} denies). A bad pattern, an
 * unsupported parameter or return type fails startup. Methods run in the order of
 * {@link org.springframework.core.annotation.Order @Order} on the method, else on the
 * bean; see {@link ChannelAuthorizer} for how decisions combine.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective
public @interface AuthorizeChannel {

	/**
	 * The channel-name patterns this method decides on.
	 * @return one or more patterns
	 */
	String[] value();

}
