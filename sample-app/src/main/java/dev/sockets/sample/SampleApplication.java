package dev.sockets.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A chat application built on the sockets starter: pusher-js in the browser, a
 * {@link dev.sockets.broker.Broadcaster} on the server.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
