package dev.sockets.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * A Lua script whose SHA-1 is computed once, when it is made. Spring's
 * {@code RedisScript.of} takes a lock on every call to find its SHA-1, which connections'
 * lanes running scripts at the same time would queue on.
 *
 * @param <T> what the script returns
 * @param text the script
 * @param sha1 its SHA-1, as {@code EVALSHA} wants it
 * @param resultType what the script returns
 */
record LuaScript<T>(String text, String sha1, Class<T> resultType) implements RedisScript<T> {

	static <T> LuaScript<T> of(String text, Class<T> resultType) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
			return new LuaScript<>(text, HexFormat.of().formatHex(digest), resultType);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
	}

	@Override
	public String getSha1() {
		return this.sha1;
	}

	@Override
	public Class<T> getResultType() {
		return this.resultType;
	}

	@Override
	public String getScriptAsString() {
		return this.text;
	}

}
