package dev.sockets.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;

/**
 * Matches where a transport can run: in a servlet web application with spring-websocket
 * (the default transport), in a reactive web application (which must choose Netty, and is
 * told so), or anywhere with {@code sockets.transport=netty}, which brings its own
 * server.
 */
class OnSocketsTransportCondition extends AnyNestedCondition {

	OnSocketsTransportCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.socket.config.annotation.WebSocketConfigurer")
	static class ServletApplication {

	}

	// where the servlet transport cannot run, and the application is told so
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class ReactiveApplication {

	}

	@ConditionalOnProperty(name = "sockets.transport", havingValue = "netty")
	static class NettyTransport {

	}

	// a worker or a batch job: publishes to the cluster's sockets, serves none
	@ConditionalOnNotWebApplication
	@ConditionalOnProperty(name = "sockets.broker", havingValue = "redis")
	static class RedisPublisher {

	}

}
