package dev.sockets.handshake;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;

/**
 * Writes the answer to a refused handshake: a status and a JSON body saying why, the same
 * shape as the HTTP API's errors.
 */
final class HandshakeRefusal {

	private static final Log logger = LogFactory.getLog(HandshakeRefusal.class);

	private HandshakeRefusal() {
	}

	static boolean refuse(ServerHttpResponse response, HttpStatus status, String message) {
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("error", message);
		error.put("status", status.value());
		byte[] bytes = JsonMapper.shared().writeValueAsBytes(error);
		response.getHeaders().setContentLength(bytes.length);
		try {
			response.getBody().write(bytes);
		}
		catch (Exception ex) {
			logger.debug("Could not write the refusal of a handshake", ex);
		}
		return false;
	}

}
