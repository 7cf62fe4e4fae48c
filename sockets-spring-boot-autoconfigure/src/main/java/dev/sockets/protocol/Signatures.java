package dev.sockets.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Internal: Pusher's signatures: lowercase hex HMAC-SHA256 keyed with the app secret,
 * compared in constant time.
 */
public final class Signatures {

	private static final HexFormat HEX = HexFormat.of();

	private final Mac prototype;

	/**
	 * Creates signatures for one app secret.
	 * @param secret the app secret
	 */
	public Signatures(String secret) {
		try {
			this.prototype = Mac.getInstance("HmacSHA256");
			this.prototype.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * Signs a string.
	 * @param data the string to sign, e.g. {@code socket_id:channel}
	 * @return the lowercase hex signature
	 */
	public String sign(String data) {
		return sign(data.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Signs bytes exactly as they are, a webhook's body say.
	 * @param data the bytes to sign
	 * @return the lowercase hex signature
	 */
	public String sign(byte[] data) {
		return HEX.formatHex(mac().doFinal(data));
	}

	/**
	 * Checks a signature in constant time.
	 * @param data the string that should have been signed
	 * @param signature the hex signature received
	 * @return whether it matches
	 */
	public boolean verify(String data, String signature) {
		return constantTimeEquals(sign(data), signature);
	}

	/**
	 * Lowercase hex MD5 of some bytes, as in the HTTP API's {@code body_md5}.
	 * @param bytes the bytes
	 * @return the hex digest
	 */
	public static String md5Hex(byte[] bytes) {
		try {
			return HEX.formatHex(MessageDigest.getInstance("MD5").digest(bytes));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("MD5 is not available", ex);
		}
	}

	/**
	 * Compares two strings in time that does not depend on where they differ.
	 * @param expected the expected value
	 * @param actual the value received
	 * @return whether they are equal
	 */
	public static boolean constantTimeEquals(String expected, String actual) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				actual.getBytes(StandardCharsets.UTF_8));
	}

	private Mac mac() {
		try {
			// a clone is cheaper than Mac.getInstance + init, and Mac is not thread-safe
			return (Mac) this.prototype.clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("HmacSHA256 cannot be cloned", ex);
		}
	}

}
