package dev.sockets.test.kit;

import org.springframework.test.context.TestPropertySource;

/**
 * The same with the Netty transport: the Pusher endpoint on its own port, the
 * authorization endpoints on the application's.
 */
@TestPropertySource(properties = { "sockets.transport=netty", "sockets.netty.port=0" })
class SocketsTestClientsNettyIntegrationTests extends SocketsTestClientsIntegrationTests {

}
