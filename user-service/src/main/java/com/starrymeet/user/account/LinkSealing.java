package com.starrymeet.user.account;

import java.security.PublicKey;
import java.util.UUID;

import com.starrymeet.common.crypto.SealedBox;
import com.starrymeet.common.crypto.SealingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals the e-mailed tokens for their one reader, notification-service, whose X25519 public key is
 * {@value #SETTING}: the tokens then travel on {@code starrymeet.user.v1} as {@link SealedBox} texts that only
 * the holder of the private key can open, and only with the associated data {@code <purpose>:<userId>}, so a
 * sealed token copied into another account's or purpose's event does not open. This service never holds the
 * private key. The key is required at start (starrymeet.secrets.required).
 */
@Component
class LinkSealing {

	static final String SETTING = "starrymeet.identity.link-sealing.public-key";

	private static final Logger log = LoggerFactory.getLogger(LinkSealing.class);

	private final PublicKey recipient;

	LinkSealing(@Value("${" + SETTING + ":}") String publicKey) {
		if (publicKey.isBlank()) {
			throw new IllegalStateException(SETTING + " is not set: the X25519 public key of notification-service "
					+ "(PEM or base64 of X.509) that e-mailed tokens are sealed for");
		}
		try {
			this.recipient = SealedBox.publicKey(publicKey);
		}
		catch (SealingException ex) {
			throw new IllegalStateException(SETTING + ": " + ex.getMessage());
		}
		log.info("Sealing e-mailed tokens for the link-sealing key {}", SealedBox.keyId(recipient));
	}

	/** The token sealed for notification-service, bound to {@code <purpose>:<userId>}. */
	String seal(String token, String purpose, UUID userId) {
		return SealedBox.seal(recipient, token, associatedData(purpose, userId));
	}

	/** What a sealed token is bound to; notification-service opens with the same text. */
	static String associatedData(String purpose, UUID userId) {
		return purpose + ":" + userId;
	}
}
