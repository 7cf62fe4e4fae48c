package dev.sockets.test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The smallest application using the starter, for tests against a real server.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {

}
