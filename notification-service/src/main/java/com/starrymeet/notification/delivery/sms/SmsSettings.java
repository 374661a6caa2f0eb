package com.starrymeet.notification.delivery.sms;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code starrymeet.notification.sms.*}: {@code provider} {@code log} (the local sink) or {@code twilio} (then
 * {@code twilio.account-sid}, {@code auth-token}, {@code from} are required; {@code api-base} defaults to Twilio).
 */
@ConfigurationProperties("starrymeet.notification.sms")
record SmsSettings(String provider, @Nullable Twilio twilio) {

	record Twilio(@Nullable String accountSid, @Nullable String authToken, @Nullable String from, String apiBase) {
	}
}
