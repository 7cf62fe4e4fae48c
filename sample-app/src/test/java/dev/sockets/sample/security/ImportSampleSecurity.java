package dev.sockets.sample.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.sockets.autoconfigure.SocketsProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The sample's own {@link SecurityConfiguration} (its rules, users and CSRF) in a slice
 * test such as {@code @WebMvcTest}, which leaves {@code @Configuration} classes out. The
 * configuration reads the authorization endpoints' paths from {@link SocketsProperties},
 * which the starter binds in a full application only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(SecurityConfiguration.class)
@EnableConfigurationProperties(SocketsProperties.class)
public @interface ImportSampleSecurity {

}
