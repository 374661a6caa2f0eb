package com.starrymeet.notification.events;

import java.security.PrivateKey;
import java.util.UUID;

import com.starrymeet.common.crypto.SealedBox;
import com.starrymeet.common.crypto.SealingException;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.notification.NotificationSettings;
import org.springframework.stereotype.Component;

/**
 * Opens the one-time tokens user-service seals for this service ({@link SealedBox}, associated data
 * {@code <purpose>:<userId>}): the only place the clear token exists is the e-mail's link.
 */
@Component
class LinkTokens {

	private final PrivateKey key;

	LinkTokens(NotificationSettings settings) {
		this.key = SealedBox.privateKey(settings.linkSealing().privateKey());
	}

	/** @throws MalformedEventException when the token was not sealed for us, for this purpose and account */
	String open(String sealed, String purpose, UUID userId) {
		try {
			return SealedBox.open(key, sealed, purpose + ":" + userId);
		}
		catch (SealingException ex) {
			throw new MalformedEventException("The " + purpose + " token does not open: " + ex.getMessage(), null);
		}
	}
}
