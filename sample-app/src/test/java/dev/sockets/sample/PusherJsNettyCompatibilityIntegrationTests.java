package dev.sockets.sample;

import org.springframework.test.context.TestPropertySource;

/**
 * The same Node suite against the app on the Netty transport: pusher-js, laravel-echo and
 * the server SDK on the Netty port, the authorization endpoints on the app's own.
 */
@TestPropertySource(properties = { "sockets.transport=netty", "sockets.netty.port=0" })
class PusherJsNettyCompatibilityIntegrationTests extends PusherJsCompatibilityIntegrationTests {

}
