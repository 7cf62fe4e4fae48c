package dev.sockets.server;

import dev.sockets.test.SocketsPort;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = { SocketsPort.NETTY, SocketsPort.FREE_NETTY_PORT })
class AuthorizationNettyIntegrationTests extends AuthorizationIntegrationTests {

}
