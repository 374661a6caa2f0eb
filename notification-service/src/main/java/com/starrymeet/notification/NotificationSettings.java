package com.starrymeet.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code starrymeet.notification.*}.
 *
 * @param webBaseUrl the web app; links in messages point there ({@code <web>/verify-email?token=…})
 * @param apiBaseUrl the public API (the gateway); the unsubscribe link points there
 * @param mailFrom the From of every e-mail
 * @param linkSealing the X25519 private key that opens the tokens user-service seals for us (a required secret)
 * @param delivery how pending e-mails are sent and retried
 * @param live the WebSocket sessions' upkeep
 */
@ConfigurationProperties("starrymeet.notification")
public record NotificationSettings(String webBaseUrl, String apiBaseUrl, String mailFrom, LinkSealing linkSealing, Delivery delivery,
		Live live) {

	/** @param privateKey base64 of PKCS#8 (or PEM) */
	public record LinkSealing(String privateKey) {
	}

	/**
	 * @param pollInterval how often due deliveries are looked for (new ones are also sent right after their event
	 *     is consumed)
	 * @param initialBackoff the wait after the first failed attempt; doubled after each further failure
	 * @param maxBackoff the longest wait between attempts
	 * @param maxAttempts attempts before a delivery is dead-lettered
	 */
	public record Delivery(Duration pollInterval, Duration initialBackoff, Duration maxBackoff, int maxAttempts) {
	}

	/**
	 * @param heartbeat how often each instance re-reads the revocation keys of the tokens its sessions were opened
	 *     with (a logged-out or cut-off token's session closes within this) and renews its users' presence
	 * @param presenceTtl how long a user counts as online on an instance that stopped renewing (crashed)
	 */
	public record Live(Duration heartbeat, Duration presenceTtl) {
	}
}
