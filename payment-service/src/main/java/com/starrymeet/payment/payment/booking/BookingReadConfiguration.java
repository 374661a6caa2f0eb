package com.starrymeet.payment.payment.booking;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the booking read: its Feign client and its circuit breaker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BookingSettings.class)
@EnableFeignClients(clients = BookingClient.class)
class BookingReadConfiguration {

	/**
	 * booking-service's circuit breaker: opens when half of at least 4 recent calls failed, half-opens after 10 s.
	 * Its time limit covers a call's retries (the per-try timeouts are Feign's).
	 */
	@Bean
	Customizer<Resilience4JCircuitBreakerFactory> bookingCircuitBreaker(BookingSettings settings) {
		var perTry = settings.bookingConnectTimeout().plus(settings.bookingReadTimeout());
		var limit = perTry.multipliedBy(Math.max(1, settings.bookingAttempts())).plus(Duration.ofSeconds(2));
		return factory -> factory.configure(builder -> builder
			.timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(limit).build())
			.circuitBreakerConfig(CircuitBreakerConfig.custom()
				.slidingWindowSize(10)
				.minimumNumberOfCalls(4)
				.failureRateThreshold(50)
				.waitDurationInOpenState(Duration.ofSeconds(10))
				.build()), Bookings.NAME);
	}
}
