package dev.sockets.sample.page;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the page where its WebSocket goes: the port of the starter's Netty server when
 * the app runs the Netty transport (the {@code netty} profile), else the page's own.
 */
@RestController
class PageConfigController {

	private final Environment environment;

	PageConfigController(Environment environment) {
		this.environment = environment;
	}

	/**
	 * The page's configuration.
	 * @return the sockets port, {@code null} for the page's own
	 */
	@GetMapping("/page-config")
	PageConfig pageConfig() {
		return new PageConfig(this.environment.getProperty("local.sockets.netty.port", Integer.class));
	}

	/**
	 * What the page needs to connect.
	 *
	 * @param socketsPort the port of the Netty transport, or {@code null}
	 */
	record PageConfig(@Nullable Integer socketsPort) {

	}

}
