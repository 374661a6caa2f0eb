package com.starrymeet.notification.preference;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.starrymeet.common.crypto.SealedBox;
import com.starrymeet.notification.NotificationSettings;
import com.starrymeet.notification.NotificationType;
import org.springframework.stereotype.Component;

/**
 * The signed link in every non-transactional e-mail that switches that type's e-mails off without signing in:
 * {@code <api>/v1/notifications/unsubscribe?token=<userId, type, HMAC-SHA256>}. The HMAC key is derived from the
 * service's link-sealing private key (SHA-256 of a label and its PKCS#8 bytes), so there is no second secret to
 * manage; the token never expires (an unsubscribe link must keep working) and does nothing but switch off.
 */
@Component
public class UnsubscribeLinks {

	/** What a valid token says. */
	public record Unsubscribe(UUID userId, NotificationType type) {
	}

	private static final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

	private final byte[] key;

	private final String apiBaseUrl;

	UnsubscribeLinks(NotificationSettings settings) {
		try {
			var digest = MessageDigest.getInstance("SHA-256");
			digest.update("starrymeet-unsubscribe-v1".getBytes(StandardCharsets.US_ASCII));
			digest.update(SealedBox.privateKey(settings.linkSealing().privateKey()).getEncoded());
			this.key = digest.digest();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		this.apiBaseUrl = settings.apiBaseUrl().replaceAll("/+$", "");
	}

	public String url(UUID userId, NotificationType type) {
		return apiBaseUrl + "/v1/notifications/unsubscribe?token=" + token(userId, type);
	}

	String token(UUID userId, NotificationType type) {
		var claim = userId + "." + type.name();
		return encoder.encodeToString(claim.getBytes(StandardCharsets.US_ASCII)) + "." + encoder.encodeToString(mac(claim));
	}

	/** The token's user and type, empty when it was not made here or was altered. */
	public Optional<Unsubscribe> verify(String token) {
		var parts = token.split("\\.", -1);
		if (parts.length != 2) {
			return Optional.empty();
		}
		try {
			var claim = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.US_ASCII);
			if (!MessageDigest.isEqual(mac(claim), Base64.getUrlDecoder().decode(parts[1]))) {
				return Optional.empty();
			}
			var fields = claim.split("\\.", -1);
			var type = NotificationType.parse(fields[1]);
			return type.map(t -> new Unsubscribe(UUID.fromString(fields[0]), t));
		}
		catch (IllegalArgumentException | ArrayIndexOutOfBoundsException ex) {
			return Optional.empty();
		}
	}

	private byte[] mac(String claim) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(ByteBuffer.wrap(claim.getBytes(StandardCharsets.US_ASCII)).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
