package dev.sockets.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Makes a {@link dev.sockets.test.broadcast.RecordingBroadcaster} the application's
 * primary {@link dev.sockets.broker.Broadcaster}, so a test can see what was emitted. In
 * a slice ({@code @WebMvcTest}, say) it only records; in a full application it also
 * passes every event to the starter's broadcaster, so subscribers still receive them.
 * What it recorded is cleared before each test method.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(RecordingBroadcasterAutoConfiguration.class)
public @interface AutoConfigureRecordingBroadcaster {

}
