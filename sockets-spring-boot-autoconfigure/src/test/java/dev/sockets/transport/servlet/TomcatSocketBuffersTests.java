package dev.sockets.transport.servlet;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class TomcatSocketBuffersTests {

	@Test
	void shrinksTheReadBufferAndWithMinimalBuffersTheWriteBuffer() {
		Connector readOnly = customized(new TomcatSocketBuffers(false));
		assertThat(readOnly.getProperty("socket.appReadBufSize")).hasToString("1024");
		assertThat(readOnly.getProperty("socket.appWriteBufSize")).hasToString("8192");
		Connector both = customized(new TomcatSocketBuffers(true));
		assertThat(both.getProperty("socket.appReadBufSize")).hasToString("1024");
		assertThat(both.getProperty("socket.appWriteBufSize")).hasToString("1024");
	}

	private static Connector customized(TomcatSocketBuffers buffers) {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		buffers.customize(factory);
		Connector connector = new Connector();
		factory.getConnectorCustomizers().forEach((customizer) -> customizer.customize(connector));
		return connector;
	}

}
