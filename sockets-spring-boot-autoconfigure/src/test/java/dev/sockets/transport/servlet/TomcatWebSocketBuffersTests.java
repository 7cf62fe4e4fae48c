package dev.sockets.transport.servlet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TomcatWebSocketBuffersTests {

	private String before;

	@BeforeEach
	void clear() {
		this.before = System.clearProperty(TomcatWebSocketBuffers.PROPERTY);
	}

	@AfterEach
	void restore() {
		if (this.before != null) {
			System.setProperty(TomcatWebSocketBuffers.PROPERTY, this.before);
		}
		else {
			System.clearProperty(TomcatWebSocketBuffers.PROPERTY);
		}
	}

	@Test
	void setsOneKilobyteForTheServletTransportWithMinimalBuffers() {
		process(minimal(), WebApplicationType.SERVLET);
		assertThat(System.getProperty(TomcatWebSocketBuffers.PROPERTY)).isEqualTo("1024");
	}

	@Test
	void keepsWhatWasSetBefore() {
		System.setProperty(TomcatWebSocketBuffers.PROPERTY, "4096");
		process(minimal(), WebApplicationType.SERVLET);
		assertThat(System.getProperty(TomcatWebSocketBuffers.PROPERTY)).isEqualTo("4096");
	}

	@Test
	void doesNothingByDefaultOnTheNettyTransportWhenDisabledOrWithoutAServletServer() {
		process(new MockEnvironment(), WebApplicationType.SERVLET);
		process(minimal().withProperty("sockets.transport", "NETTY"), WebApplicationType.SERVLET);
		process(minimal().withProperty("sockets.enabled", "false"), WebApplicationType.SERVLET);
		process(minimal(), WebApplicationType.NONE);
		process(minimal(), WebApplicationType.REACTIVE);
		process(minimal().withProperty("spring.main.web-application-type", "reactive"), WebApplicationType.SERVLET);
		assertThat(System.getProperty(TomcatWebSocketBuffers.PROPERTY)).isNull();
	}

	private static MockEnvironment minimal() {
		return new MockEnvironment().withProperty("sockets.connection.minimal-tomcat-buffers", "true");
	}

	private static void process(MockEnvironment environment, WebApplicationType type) {
		SpringApplication application = new SpringApplication();
		application.setWebApplicationType(type);
		new TomcatWebSocketBuffers().postProcessEnvironment(environment, application);
	}

}
