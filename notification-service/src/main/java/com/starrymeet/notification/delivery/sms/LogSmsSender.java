package com.starrymeet.notification.delivery.sms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The local sink: each SMS is written to the log (number masked but its last 4 digits) instead of being sent. */
class LogSmsSender implements SmsSender {

	private static final Logger log = LoggerFactory.getLogger(LogSmsSender.class);

	@Override
	public void send(String to, String text) {
		var masked = to.length() <= 4 ? "****" : "*".repeat(to.length() - 4) + to.substring(to.length() - 4);
		log.info("SMS (log sink) to {}: {}", masked, text);
	}
}
