package dev.sockets.transport.servlet;

import jakarta.servlet.ServletContext;
import jakarta.websocket.WebSocketContainer;

import org.springframework.web.context.ServletContextAware;

/**
 * Internal: shrinks the servlet container's default WebSocket message buffers. Tomcat
 * allocates them for every new connection before any handler runs (8 K chars of text plus
 * 8 KB of bytes), while Pusher messages are small and the endpoint reads longer ones in
 * parts. Does nothing where no WebSocket container is running (mock servlet contexts).
 */
public final class ContainerBufferDefaults implements ServletContextAware {

	/** Characters: the text buffer, and the part size longer messages arrive in. */
	static final int TEXT_BUFFER = 1024;

	/**
	 * Bytes: the raw-frame staging buffer, which text is decoded from in steps of this
	 * size.
	 */
	static final int BINARY_BUFFER = 256;

	private static final String SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";

	@Override
	public void setServletContext(ServletContext servletContext) {
		if (servletContext.getAttribute(SERVER_CONTAINER) instanceof WebSocketContainer container) {
			container.setDefaultMaxTextMessageBufferSize(TEXT_BUFFER);
			container.setDefaultMaxBinaryMessageBufferSize(BINARY_BUFFER);
		}
	}

}
