package com.starrymeet.common.crypto;

import org.jspecify.annotations.Nullable;

/**
 * A sealed box that cannot be made or opened, or a key that is not usable. The message says why in general
 * terms and never quotes a plaintext, a sealed value's content or key material.
 */
public class SealingException extends RuntimeException {

	public SealingException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}
}
