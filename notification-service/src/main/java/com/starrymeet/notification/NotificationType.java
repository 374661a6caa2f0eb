package com.starrymeet.notification;

import java.util.Locale;
import java.util.Optional;

/**
 * Every kind of message this service sends, with its template ({@code mail/<template>.txt.mustache} and
 * {@code .html.mustache}) and whether it is transactional. Transactional messages (links the user asked for,
 * receipts, changes to a booking) are always sent; the others can be switched off per channel and their e-mails
 * carry a signed unsubscribe link.
 */
public enum NotificationType {

	WELCOME(false),
	EMAIL_VERIFICATION(true),
	PASSWORD_RESET(true),
	BOOKING_CONFIRMED(true),
	BOOKING_EXPIRED(true),
	BOOKING_CANCELED(true),
	BOOKING_RESCHEDULED(true),
	BOOKING_COMPLETED(false),
	BOOKING_DISPUTED(true),
	REMINDER_24H(false),
	REMINDER_1H(false),
	PAYMENT_RECEIPT(true),
	REFUND_PROCESSED(true),
	CREDIT_GRANTED(true),
	NEW_MESSAGE(false);

	private final boolean transactional;

	NotificationType(boolean transactional) {
		this.transactional = transactional;
	}

	public boolean transactional() {
		return transactional;
	}

	/** The template's base name, e.g. {@code booking-confirmed}. */
	public String template() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	public static Optional<NotificationType> parse(String name) {
		try {
			return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}
}
