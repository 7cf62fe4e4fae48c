package dev.sockets.http;

import dev.sockets.test.SocketsPort;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = { SocketsPort.NETTY, SocketsPort.FREE_NETTY_PORT })
class HistoryApiNettyIntegrationTests extends HistoryApiIntegrationTests {

}
