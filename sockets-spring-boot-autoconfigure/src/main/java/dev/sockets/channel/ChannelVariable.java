package dev.sockets.channel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a parameter of an {@link AuthorizeChannel @AuthorizeChannel} method to a
 * {@code {name}} variable of its pattern, converted to the parameter's type by Spring's
 * conversion service (numbers, {@code UUID}, enums, and the application's own
 * converters). A value that does not convert denies the subscription.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ChannelVariable {

	/**
	 * The variable's name; defaults to the parameter's name (compile with
	 * {@code -parameters}, as Spring Boot's build plugins do).
	 * @return the variable name
	 */
	String value() default "";

}
