package com.starrymeet.notification.delivery.sms;

/** Sends one text message; the provider is chosen by {@code starrymeet.notification.sms.provider}. */
public interface SmsSender {

	/**
	 * @param to E.164 phone number
	 * @throws SmsFailure when the provider did not take it ({@link SmsFailure#permanent()}: do not try again)
	 */
	void send(String to, String text);

	/** The provider refused or could not be reached. */
	final class SmsFailure extends RuntimeException {

		private final boolean permanent;

		public SmsFailure(String message, boolean permanent) {
			super(message);
			this.permanent = permanent;
		}

		public boolean permanent() {
			return permanent;
		}
	}
}
