package com.starrymeet.user;

import java.util.UUID;

import com.starrymeet.common.crypto.SealedBox;

/**
 * The tests' stand-in for notification-service: the private half of the link-sealing key configured in
 * {@code src/test/resources/config/application.yml}, to open the tokens sealed in EmailVerificationRequested and
 * PasswordResetRequested as notification-service will.
 */
public final class LinkSealingTestKey {

	/** base64 PKCS#8 of an X25519 key made for these tests only. */
	public static final String PRIVATE_KEY = "MC4CAQAwBQYDK2VuBCIEIPVHJpcYPFqwwwJTHmu+U8PkpDo8GKcHGiGzLHRmFn8t";

	public static final String PUBLIC_KEY = "MCowBQYDK2VuAyEAilJ7dNrNkNB5nZIcuq1xLUo/QduxU0POFSGHJ0Qc0FE=";

	private LinkSealingTestKey() {
	}

	/** Opens a sealed token bound to {@code <purpose>:<userId>} (throws if it was bound to anything else). */
	public static String open(String sealedToken, String purpose, UUID userId) {
		return SealedBox.open(SealedBox.privateKey(PRIVATE_KEY), sealedToken, purpose + ":" + userId);
	}

	public static String open(String sealedToken, String purpose, String userId) {
		return open(sealedToken, purpose, UUID.fromString(userId));
	}
}
