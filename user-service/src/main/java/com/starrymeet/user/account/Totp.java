package com.starrymeet.user.account;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;

/**
 * RFC 6238 TOTP: HMAC-SHA1, 6 digits, 30-second steps, accepted one step either side of now.
 */
final class Totp {

	static final int DIGITS = 6;

	static final long STEP_SECONDS = 30;

	static final int WINDOW = 1;

	private static final SecureRandom random = new SecureRandom();

	private Totp() {
	}

	/** A new 160-bit secret, Base32 without padding (what authenticator apps take). */
	static String newSecret() {
		var bytes = new byte[20];
		random.nextBytes(bytes);
		return new Base32().encodeToString(bytes).replace("=", "");
	}

	static long stepAt(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
	}

	/** The code of a step (RFC 4226 dynamic truncation). */
	static String code(byte[] key, long step) {
		try {
			var mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key, "HmacSHA1"));
			var hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			return String.format("%0" + DIGITS + "d", binary % 1_000_000);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The step whose code matches, within the window around {@code now} and later than {@code afterStep}, if
	 * any. Compared in constant time.
	 */
	static OptionalLong matchingStep(String base32Secret, String code, Instant now, long afterStep) {
		if (code.length() != DIGITS || !code.chars().allMatch(Character::isDigit)) {
			return OptionalLong.empty();
		}
		var key = new Base32().decode(base32Secret);
		long current = stepAt(now);
		OptionalLong found = OptionalLong.empty();
		for (long step = current - WINDOW; step <= current + WINDOW; step++) {
			boolean equal = MessageDigest.isEqual(code(key, step).getBytes(), code.getBytes());
			if (equal && step > afterStep && found.isEmpty()) {
				found = OptionalLong.of(step);
			}
		}
		return found;
	}
}
