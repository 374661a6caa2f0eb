package com.starrymeet.notification.delivery.documents;

import java.util.concurrent.TimeUnit;

import feign.Request;
import feign.Retryer;
import org.springframework.context.annotation.Bean;

/**
 * The Feign settings of the document reads (not a component: each client's own Feign context): short timeouts and
 * no retries — an e-mail waits for no document: it goes without it.
 */
class DocumentClientConfiguration {

	@Bean
	Request.Options documentRequestOptions() {
		return new Request.Options(1, TimeUnit.SECONDS, 3, TimeUnit.SECONDS, false);
	}

	@Bean
	Retryer documentRetryer() {
		return Retryer.NEVER_RETRY;
	}
}
