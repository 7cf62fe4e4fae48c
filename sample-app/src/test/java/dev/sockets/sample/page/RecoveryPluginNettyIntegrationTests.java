package dev.sockets.sample.page;

import org.springframework.test.context.TestPropertySource;

/**
 * With WebSockets on the Netty transport the page and its scripts, the recovery plugin
 * among them, still come from the app's own port.
 */
@TestPropertySource(properties = { "sockets.transport=netty", "sockets.netty.port=0" })
class RecoveryPluginNettyIntegrationTests extends RecoveryPluginIntegrationTests {

}
