package com.starrymeet.booking.booking;

import java.util.concurrent.Executors;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the two downstreams of a booking (catalog and payment) with their timeouts and circuit breakers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ BookingSettings.class, ChatSettings.class })
@EnableFeignClients(clients = { CatalogClient.class, PaymentClient.class, PaymentReadClient.class })
class BookingConfiguration {

	@Bean
	Catalog catalog(CatalogClient client, CircuitBreakerFactory<?, ?> breakers, BookingSettings settings) {
		return new Catalog(client, breakers, settings);
	}

	@Bean
	Payments payments(PaymentClient client, CircuitBreakerFactory<?, ?> breakers) {
		return new Payments(client, breakers);
	}

	@Bean
	PaymentReads paymentReads(PaymentReadClient client, CircuitBreakerFactory<?, ?> breakers) {
		return new PaymentReads(client, breakers);
	}

	/** The clock every booking rule reads "now" from (instants, UTC); tests may replace it. */
	@Bean
	@org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean
	java.time.Clock bookingClock() {
		return java.time.Clock.systemUTC();
	}

	/**
	 * One circuit breaker per downstream: opens when half of at least 10 recent calls failed (a single slow
	 * request among hundreds does not), half-opens after {@code open-state}. Its time limit covers one call with
	 * its retries (the per-try timeouts are Feign's). The calls run on virtual threads, so a burst of bookings
	 * never waits for a pool.
	 */
	@Bean
	Customizer<Resilience4JCircuitBreakerFactory> bookingCircuitBreakers(BookingSettings settings) {
		return factory -> {
			factory.configureExecutorService(Executors.newVirtualThreadPerTaskExecutor());
			configure(factory, Catalog.NAME, settings.catalog());
			configure(factory, Payments.NAME, settings.payment());
			configure(factory, PaymentReads.NAME, settings.payment());
		};
	}

	private static void configure(Resilience4JCircuitBreakerFactory factory, String name, BookingSettings.Call call) {
		factory.configure(builder -> builder
			.timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(call.limit()).build())
			.circuitBreakerConfig(CircuitBreakerConfig.custom()
				.slidingWindowSize(20)
				.minimumNumberOfCalls(10)
				.failureRateThreshold(50)
				.waitDurationInOpenState(call.openState())
				.build()), name);
	}
}
