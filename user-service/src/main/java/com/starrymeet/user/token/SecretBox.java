package com.starrymeet.user.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Encrypts small secrets at rest (the TOTP seeds) with AES-256-GCM under {@code starrymeet.identity.data-key}:
 * {@code v1:<base64(iv || ciphertext+tag)>}, a fresh 12-byte IV each time.
 */
@Component
public class SecretBox {

	private static final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SecretBox.class);

	SecretBox(TokenSettings settings) {
		if (settings.dataKey() == null || settings.dataKey().isBlank()) {
			log.warn("starrymeet.identity.data-key is not set: TOTP secrets are encrypted with a key generated at "
					+ "start-up and become unreadable after a restart. Set it in every real deployment.");
			var generated = new byte[32];
			random.nextBytes(generated);
			this.key = new SecretKeySpec(generated, "AES");
			return;
		}
		byte[] raw;
		try {
			raw = Base64.getDecoder().decode(settings.dataKey().trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("starrymeet.identity.data-key is not base64");
		}
		if (raw.length != 32) {
			throw new IllegalStateException("starrymeet.identity.data-key must be 32 bytes (base64)");
		}
		this.key = new SecretKeySpec(raw, "AES");
	}

	public String seal(String plain) {
		try {
			var iv = new byte[12];
			random.nextBytes(iv);
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
			var sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			return "v1:" + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt");
		}
	}

	public String open(String sealed) {
		if (!sealed.startsWith("v1:")) {
			throw new IllegalStateException("Unknown sealed format");
		}
		try {
			var bytes = Base64.getDecoder().decode(sealed.substring(3));
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, 12));
			return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("Cannot decrypt (wrong starrymeet.identity.data-key?)");
		}
	}
}
