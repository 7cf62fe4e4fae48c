package dev.sockets.actuator;

import dev.sockets.test.SocketsPort;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = { SocketsPort.NETTY, SocketsPort.FREE_NETTY_PORT })
class ObservabilityNettyIntegrationTests extends ObservabilityIntegrationTests {

}
