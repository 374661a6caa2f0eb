package com.starrymeet.notification.delivery.documents;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * The documents an e-mail carries, fetched when it is sent: {@code calendar:<bookingId>} (booking-service's
 * calendar.ics) and {@code receipt:<paymentId>} (payment-service's receipt.pdf), each through its circuit breaker.
 * A document that does not come (unknown, failing, slow, circuit open) is left out, and the log says so: the e-mail
 * itself never waits for it.
 */
@Component
public class Documents {

	private static final Logger log = LoggerFactory.getLogger(Documents.class);

	static final String CALENDAR = "calendar";

	static final String RECEIPT = "receipt";

	/** A file to attach. */
	public record Document(String filename, String contentType, byte[] content) {
	}

	private final DocumentClients.CalendarClient calendars;

	private final DocumentClients.ReceiptClient receipts;

	private final CircuitBreaker calendarBreaker;

	private final CircuitBreaker receiptBreaker;

	Documents(DocumentClients.CalendarClient calendars, DocumentClients.ReceiptClient receipts,
			CircuitBreakerFactory<?, ?> breakers) {
		this.calendars = calendars;
		this.receipts = receipts;
		this.calendarBreaker = breakers.create(CALENDAR);
		this.receiptBreaker = breakers.create(RECEIPT);
	}

	/** The document {@code spec} names ({@code calendar:<id>} or {@code receipt:<id>}), empty when it does not come. */
	public Optional<Document> fetch(String spec, String filenameStem) {
		var colon = spec.indexOf(':');
		var kind = spec.substring(0, colon);
		var id = UUID.fromString(spec.substring(colon + 1));
		var calendar = CALENDAR.equals(kind);
		var breaker = calendar ? calendarBreaker : receiptBreaker;
		return breaker.run(() -> {
			var response = calendar ? calendars.calendar(id) : receipts.receipt(id);
			var body = response.getBody();
			if (!response.getStatusCode().is2xxSuccessful() || body == null || body.length == 0) {
				throw new IllegalStateException("answered " + response.getStatusCode() + " without a document");
			}
			return Optional.of(calendar ? new Document(filenameStem + ".ics", "text/calendar; charset=UTF-8", body)
					: new Document(filenameStem + ".pdf", "application/pdf", body));
		}, failure -> {
			log.warn("E-mail sent without its {} of {}: {}", kind, id, failure.toString());
			return Optional.empty();
		});
	}

	/** Wires the clients and their breakers. */
	@Configuration(proxyBeanMethods = false)
	@EnableFeignClients(clients = { DocumentClients.CalendarClient.class, DocumentClients.ReceiptClient.class })
	static class DocumentsConfiguration {

		/** Opens when half of at least 4 recent reads failed, half-opens after 30 s; 5 s per read at most. */
		@Bean
		Customizer<Resilience4JCircuitBreakerFactory> documentCircuitBreakers() {
			return factory -> factory.configure(builder -> builder
				.timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(Duration.ofSeconds(5)).build())
				.circuitBreakerConfig(CircuitBreakerConfig.custom()
					.slidingWindowSize(10)
					.minimumNumberOfCalls(4)
					.failureRateThreshold(50)
					.waitDurationInOpenState(Duration.ofSeconds(30))
					.build()), CALENDAR, RECEIPT);
		}
	}
}
