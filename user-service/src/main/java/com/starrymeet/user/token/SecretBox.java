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

	SecretBox(TokenSettings settings) {
		if (settings.dataKey() == null || settings.dataKey().isBlank()) {
			// RequiredSecrets stops the start before this; GeneratedLocalKeys fills it in for the local fleet only
			throw new IllegalStateException(TokenSettings.DATA_KEY + " is not set");
		}
		byte[] raw;
		try {
			raw = Base64.getDecoder().decode(settings.dataKey().trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(TokenSettings.DATA_KEY + " is not base64");
		}
		if (raw.length != 32) {
			throw new IllegalStateException(TokenSettings.DATA_KEY + " must be 32 bytes (base64)");
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
			throw new IllegalStateException("Cannot decrypt (wrong " + TokenSettings.DATA_KEY + "?)");
		}
	}
}
