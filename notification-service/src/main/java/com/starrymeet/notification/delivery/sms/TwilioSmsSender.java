package com.starrymeet.notification.delivery.sms;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Twilio's Programmable Messaging REST API: {@code POST <api-base>/2010-04-01/Accounts/<sid>/Messages.json} with
 * {@code To}, {@code From}, {@code Body} (form-encoded), HTTP Basic with the account SID and auth token. A 4xx other
 * than 429 (an invalid number, a blocked recipient) is permanent; 429, 5xx and no answer are tried again.
 */
class TwilioSmsSender implements SmsSender {

	private final RestClient client;

	private final String accountSid;

	private final String from;

	TwilioSmsSender(RestClient.Builder builder, SmsSettings.Twilio settings) {
		this.accountSid = settings.accountSid();
		this.from = settings.from();
		var basic = Base64.getEncoder()
			.encodeToString((settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
		this.client = builder.baseUrl(settings.apiBase().replaceAll("/+$", ""))
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Basic " + basic)
			.build();
	}

	@Override
	public void send(String to, String text) {
		var form = new LinkedMultiValueMap<String, String>();
		form.add("To", to);
		form.add("From", from);
		form.add("Body", text);
		try {
			client.post()
				.uri("/2010-04-01/Accounts/{sid}/Messages.json", accountSid)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form)
				.retrieve()
				.toBodilessEntity();
		}
		catch (RestClientResponseException ex) {
			var status = ex.getStatusCode().value();
			throw new SmsFailure("Twilio answered " + status, status >= 400 && status < 500 && status != 429);
		}
		catch (ResourceAccessException ex) {
			throw new SmsFailure("Twilio unreachable: " + ex.getMessage(), false);
		}
	}
}
