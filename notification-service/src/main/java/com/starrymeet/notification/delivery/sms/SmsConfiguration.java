package com.starrymeet.notification.delivery.sms;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** Picks the SMS provider; {@code twilio} without its credentials refuses to start. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmsSettings.class)
class SmsConfiguration {

	@Bean
	SmsSender smsSender(SmsSettings settings) {
		return switch (settings.provider()) {
			case "log" -> new LogSmsSender();
			case "twilio" -> {
				var twilio = settings.twilio();
				if (twilio == null || blank(twilio.accountSid()) || blank(twilio.authToken()) || blank(twilio.from())) {
					throw new IllegalStateException("starrymeet.notification.sms.provider=twilio needs "
							+ "starrymeet.notification.sms.twilio.account-sid, auth-token and from");
				}
				var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
				var factory = new JdkClientHttpRequestFactory(http);
				factory.setReadTimeout(Duration.ofSeconds(10));
				yield new TwilioSmsSender(RestClient.builder().requestFactory(factory), twilio);
			}
			default -> throw new IllegalStateException(
					"starrymeet.notification.sms.provider must be log or twilio, not " + settings.provider());
		};
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}
