package dev.sockets.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Adds a {@link SocketsTestClients} bean that connects test clients to the running
 * application: its port (the Netty transport's when it runs one), app key and
 * authorization endpoints. For {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} or
 * {@code DEFINED_PORT}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(SocketsTestClientAutoConfiguration.class)
public @interface AutoConfigureSocketsTestClient {

}
