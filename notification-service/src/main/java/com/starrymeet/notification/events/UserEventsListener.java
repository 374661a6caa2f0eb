package com.starrymeet.notification.events;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.EmailVerificationRequested;
import com.starrymeet.common.events.contract.PasswordResetRequested;
import com.starrymeet.common.events.contract.UserDeleted;
import com.starrymeet.common.events.contract.UserRegistered;
import com.starrymeet.common.events.contract.UserUpdated;
import com.starrymeet.notification.NotificationType;
import com.starrymeet.notification.contact.Contacts;
import com.starrymeet.notification.delivery.Deliveries;
import com.starrymeet.notification.inapp.InAppNotifications;
import com.starrymeet.notification.preference.Preferences;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * user-service's events ({@link Topics#USER}): the contact replica, and the account e-mails — welcome,
 * verification link ({@code <web>/verify-email?token=…}), reset link ({@code <web>/reset-password?token=…}), each
 * token opened from its sealed form only to be put in the link. UserDeleted erases the contact, the preferences,
 * the bell and every unsent message.
 */
@Component
class UserEventsListener {

	static final String CONSUMER = "notification-user-events";

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private final IdempotentConsumer.Dispatch dispatch;

	UserEventsListener(IdempotentConsumer consumer, Contacts contacts, Notifier notifier, LinkTokens tokens,
			Deliveries deliveries, InAppNotifications inApp, Preferences preferences) {
		this.dispatch = consumer.dispatch(CONSUMER)
			.onEvent(UserRegistered.class, (registered, event) -> {
				if (registered.userId() == null || registered.email() == null) {
					throw new MalformedEventException("UserRegistered without userId or email", null);
				}
				contacts.upsert(registered.userId(), registered.email(), registered.firstName(), registered.lastName(),
						null);
				notifier.email(event, registered.userId(), registered.email(), registered.firstName(),
						NotificationType.WELCOME, Map.of("role", registered.role()));
			})
			.onEvent(EmailVerificationRequested.class, (requested, event) -> {
				if (requested.userId() == null || requested.email() == null || requested.sealedToken() == null) {
					throw new MalformedEventException("EmailVerificationRequested without userId, email or token", null);
				}
				var token = tokens.open(requested.sealedToken(), EmailVerificationRequested.PURPOSE, requested.userId());
				notifier.email(event, requested.userId(), requested.email(), requested.firstName(),
						NotificationType.EMAIL_VERIFICATION,
						Map.of("link", notifier.web() + "/verify-email?token=" + encode(token), "expiresAt",
								UTC.format(requested.expiresAt())));
			})
			.onEvent(PasswordResetRequested.class, (requested, event) -> {
				if (requested.userId() == null || requested.email() == null || requested.sealedToken() == null) {
					throw new MalformedEventException("PasswordResetRequested without userId, email or token", null);
				}
				var token = tokens.open(requested.sealedToken(), PasswordResetRequested.PURPOSE, requested.userId());
				notifier.email(event, requested.userId(), requested.email(), requested.firstName(),
						NotificationType.PASSWORD_RESET,
						Map.of("link", notifier.web() + "/reset-password?token=" + encode(token), "expiresAt",
								UTC.format(requested.expiresAt())));
			})
			.on(UserUpdated.class, (updated, version) -> {
				if (updated.userId() == null || updated.email() == null) {
					throw new MalformedEventException("UserUpdated without userId or email", null);
				}
				contacts.upsert(updated.userId(), updated.email(), updated.firstName(), updated.lastName(),
						updated.phone());
			})
			.on(UserDeleted.class, (deleted, version) -> {
				if (deleted.userId() == null) {
					throw new MalformedEventException("UserDeleted without userId", null);
				}
				contacts.erase(deleted.userId());
				deliveries.erase(deleted.userId());
				inApp.erase(deleted.userId());
				preferences.erase(deleted.userId());
			});
	}

	private static String encode(String token) {
		return URLEncoder.encode(token, StandardCharsets.UTF_8);
	}

	@KafkaListener(topics = Topics.USER, groupId = "${spring.application.name}")
	void on(ConsumerRecord<String, ?> record) {
		dispatch.handle(record);
	}
}
