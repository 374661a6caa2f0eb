package com.starrymeet.booking.booking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.starrymeet.common.web.ValidationFailed;
import org.springframework.stereotype.Component;

/**
 * The fan's check-in code (the QR payload): {@code v1.<bookingId>.<validFrom>.<validUntil>.<signature>}, times in
 * epoch seconds, signature = base64url(HMAC-SHA256(secret, everything before it)). Valid from
 * {@code check-in-margin} before the start to as long after the end. The validity is part of what is signed and must
 * equal the booking's current one, so a code issued before a reschedule no longer works. Nobody but this service
 * can make one (the secret never leaves it), so a scanned code proves the fan was there.
 */
@Component
class CheckInCodes {

	private final SecretKeySpec key;

	private final BookingSettings settings;

	CheckInCodes(BookingSettings settings) {
		var secret = settings.checkInSecret();
		if (secret == null || secret.isBlank()) {
			throw new IllegalStateException("starrymeet.booking.check-in-secret is required");
		}
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		this.settings = settings;
	}

	Completions.CheckInCode issue(Booking booking) {
		var from = validFrom(booking);
		var until = validUntil(booking);
		var payload = "v1." + booking.id() + "." + from.getEpochSecond() + "." + until.getEpochSecond();
		return new Completions.CheckInCode(payload + "." + sign(payload), from, until);
	}

	/** 400 {@code INVALID_CHECK_IN_CODE} unless {@code code} is this service's, for this booking as it is now. */
	void verify(Booking booking, String code) {
		int cut = code.lastIndexOf('.');
		var payload = cut < 0 ? "" : code.substring(0, cut);
		var signature = cut < 0 ? "" : code.substring(cut + 1);
		var expected = "v1." + booking.id() + "." + validFrom(booking).getEpochSecond() + "."
				+ validUntil(booking).getEpochSecond();
		boolean signed = MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII));
		if (!signed || !payload.equals(expected)) {
			throw new ValidationFailed("INVALID_CHECK_IN_CODE", "Not this booking's check-in code",
					java.util.List.of(new com.starrymeet.common.web.Problems.FieldError("code",
							"is not this booking's check-in code")));
		}
	}

	Instant validFrom(Booking booking) {
		return booking.startsAt().minus(settings.checkInMargin());
	}

	Instant validUntil(Booking booking) {
		return booking.endsAt().plus(settings.checkInMargin());
	}

	private String sign(String payload) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
